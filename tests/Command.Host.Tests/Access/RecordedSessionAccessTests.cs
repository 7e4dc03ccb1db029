using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Access;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>
/// Watching live reads what an open incident recorded so far, for the live page to show what it missed; once the
/// incident is closed its session is a recording, which only those who may watch replays read.
/// </summary>
public sealed class RecordedSessionAccessTests(CommandHost host) : IClassFixture<CommandHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_observer_reads_an_open_incidents_timeline_but_not_a_closed_ones()
    {
        var id = $"t-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        using var observer = host.ClientWith(await host.Access.TokenForAsync("observer"));
        using var commander = host.ClientWith(await host.Access.TokenForAsync("commander"));
        using var evaluator = host.ClientWith(await host.Access.TokenForAsync("evaluator"));

        using var live = await observer.GetAsync($"/api/sessions/{id}/timeline", Ct);
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
        using var recorded = await observer.GetAsync($"/api/sessions/{id}/timeline", Ct);
        using var commanding = await commander.GetAsync($"/api/sessions/{id}/timeline", Ct);
        using var evaluating = await evaluator.GetAsync($"/api/sessions/{id}/timeline", Ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, Rights.WatchReplays), (recorded.StatusCode, await RightAsync(recorded)));
        Assert.Equal((HttpStatusCode.Forbidden, Rights.WatchReplays), (commanding.StatusCode, await RightAsync(commanding)));
        Assert.Equal(HttpStatusCode.OK, evaluating.StatusCode);
        Assert.Contains((await evaluating.Content.ReadFromJsonAsync<JsonElement[]>(Ct))!, m => m.GetProperty("type").GetString() == "incident-closed");
    }

    private static async Task<string?> RightAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("right").GetString();
}
