using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Command.Host.Tests;

public sealed class HostingTests(CommandHost host) : IClassFixture<CommandHost>
{
    [Fact]
    public void The_recording_stops_after_the_silo_so_incidents_still_record_while_they_deactivate()
    {
        var order = host.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        var recording = order.IndexOf("RecordingLifetime");
        var silo = order.FindIndex(name => name.Contains("Silo", StringComparison.Ordinal));

        // Hosted services stop in the reverse of their order.
        Assert.True(recording >= 0 && silo >= 0, string.Join(", ", order));
        Assert.True(recording < silo, $"the recording stops before the silo: {string.Join(", ", order)}");
    }

    [Fact]
    public void The_host_logs_its_own_information_but_not_every_grain_placement()
    {
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(loggers.CreateLogger("Command.Grains.Incidents.IncidentGrain").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public async Task The_configured_log_level_wins_over_the_default()
    {
        await using var quiet = new QuietHost();
        await quiet.InitializeAsync();

        var logger = quiet.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Command.Grains.Incidents.IncidentGrain");

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    private sealed class QuietHost() : CommandHost(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" });
}
