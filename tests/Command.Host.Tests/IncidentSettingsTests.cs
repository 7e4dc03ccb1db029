using Command.Grains.Incidents;
using Command.Host.Hosting;
using Command.Host.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Command.Host.Tests;

/// <summary>
/// The incidents' settings are read as the host starts, or it refuses to start and says which is wrong: read only as an
/// incident first activated, "15min" left the host up and healthy and every incident call an empty 500.
/// </summary>
public sealed class IncidentSettingsTests
{
    [Fact]
    public void Settings_are_read_as_configured_and_none_are_the_defaults()
    {
        var configured = Read(new() { ["Incidents:IdleAfter"] = "00:30:00", ["Incidents:MaxOpen"] = "12" });
        var defaults = Read([]);

        Assert.Equal((TimeSpan.FromMinutes(30), 12), (configured.IdleAfter, configured.MaxOpen));
        Assert.Equal((new IncidentGrainOptions().IdleAfter, new IncidentGrainOptions().MaxOpen), (defaults.IdleAfter, defaults.MaxOpen));
    }

    [Fact]
    public void What_follows_from_where_grain_state_is_kept_is_set_by_the_host_not_read()
    {
        var read = Read(new() { ["Incidents:PersistOnShutdown"] = "false", ["Incidents:SaysResumes"] = "true" });
        var inMemory = Read([]);
        inMemory.KeepGrainState(beyondTheProcess: false);

        Assert.Equal((true, false), (read.PersistOnShutdown, read.SaysResumes));
        Assert.Equal((false, true), (inMemory.PersistOnShutdown, inMemory.SaysResumes));
    }

    [Theory]
    [InlineData("IdleAfter", "15min", "Incidents:IdleAfter is '15min', which is not a time written hh:mm:ss (00:15:00 for 15 minutes, 1.00:00:00 for a day).")]
    [InlineData("MaxOpen", "lots", "Incidents:MaxOpen is 'lots', which is not a whole number.")]
    [InlineData("MaxOpen", "0", "Incidents:MaxOpen must be at least 1 (was 0)")]
    [InlineData("TickInterval", "00:00:00", "Incidents:TickInterval must be positive (was 00:00:00)")]
    [InlineData("SnapshotInterval", "-00:00:05", "Incidents:SnapshotInterval must be positive (was -00:00:05)")]
    public void A_setting_that_cannot_be_honoured_is_named(string key, string value, string expected)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Read(new() { [$"Incidents:{key}"] = value }));

        Assert.StartsWith("This host cannot start: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_with_an_incident_setting_it_cannot_read_refuses_to_start()
    {
        await using var host = new ConfiguredHost(new Dictionary<string, string?> { ["Incidents:IdleAfter"] = "15min" });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

        Assert.Equal("This host cannot start: Incidents:IdleAfter is '15min', which is not a time written hh:mm:ss (00:15:00 for 15 minutes, 1.00:00:00 for a day).",
            refused.Message);
    }

    private static IncidentGrainOptions Read(Dictionary<string, string?> settings) =>
        IncidentSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private sealed class ConfiguredHost(IDictionary<string, string?> settings) : CommandHost(settings);
}
