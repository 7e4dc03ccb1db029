using System.Text.Json;
using Command.Host.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

/// <summary>
/// A hub call refused on purpose (no right, an incident or replay that is not there) is an answer, not a fault: the
/// host's own log file says so once, without a stack, and nothing about it is logged as an error.
/// </summary>
public sealed class HubRefusalLogTests(CommandHost host) : IClassFixture<CommandHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refused_hub_call_is_logged_once_without_a_stack_and_not_as_an_error()
    {
        await using var hub = await ControllerHubAsync();
        var incident = $"none-{Guid.NewGuid():N}"[..20];
        var replay = Guid.NewGuid().ToString("N")[..12];
        var job = $"job-{Guid.NewGuid():N}";

        var noIncident = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("Join", incident, Ct));
        var noReplay = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("Join", $"replay:{replay}", Ct));
        var noRight = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("WatchExport", job, Ct));
        var log = Log();

        // A controller watches incidents and replays but exports nothing.
        Assert.EndsWith($"incident '{incident}' does not exist", noIncident.Message, StringComparison.Ordinal);
        Assert.EndsWith($"replay '{replay}' is not open", noReplay.Message, StringComparison.Ordinal);
        Assert.Contains("missing-right", noRight.Message, StringComparison.Ordinal);
        Assert.Equal(("Information", false), Single(log, incident));
        Assert.Equal(("Information", false), Single(log, replay));
        Assert.Equal(("Warning", false), Single(log, job));
        Assert.DoesNotContain(log, line => line.Level == "Error" && line.Text.Contains("HubException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Joining_no_incident_or_one_no_incident_could_be_is_refused_in_words_and_logged_as_an_answer()
    {
        await using var hub = await ControllerHubAsync();
        var odd = $"bad id {Guid.NewGuid():N}";

        var none = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("Join", null, Ct));
        var bad = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("Join", odd, Ct));
        var log = Log();

        Assert.EndsWith("name the incident to join, or replay:{replayId}", none.Message, StringComparison.Ordinal);
        Assert.EndsWith("an incident id is 1-64 letters, digits, '-', '_' or '.', not starting with '.'", bad.Message, StringComparison.Ordinal);
        Assert.Equal(("Information", false), Single(log, odd));
        Assert.DoesNotContain(log, line => line.Level == "Error" && line.Text.Contains("Join", StringComparison.Ordinal));
    }

    /// <summary>A hub connection as a controller: one who watches incidents and replays but exports nothing.</summary>
    private async Task<HubConnection> ControllerHubAsync()
    {
        var token = await host.Access.TokenForAsync("controller");
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/incidents"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = CommandHost.Json)
            .Build();
        await hub.StartAsync(Ct);
        return hub;
    }

    /// <summary>The one line that names <paramref name="what"/>: its level, and whether it carries an exception.</summary>
    private static (string Level, bool Exception) Single(IEnumerable<LogLine> log, string what)
    {
        var line = Assert.Single(log, l => l.Text.Contains(what, StringComparison.Ordinal));
        return (line.Level, line.Exception);
    }

    private List<LogLine> Log() => HostLog.Lines(host);
}
