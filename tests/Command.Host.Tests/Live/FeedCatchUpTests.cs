using System.Net.Http.Json;
using System.Text.Json;
using Command.Grains.Incidents;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace Command.Host.Tests.Live;

/// <summary>
/// A host whose subscription reached an incident activated anew without it (the incident's host died, it moved) gives
/// its browsers the whole picture, as joining does: what the incident recorded while no host heard it is shown.
/// </summary>
public sealed class FeedCatchUpTests(FeedCatchUpTests.QuickHeartbeatHost host) : IClassFixture<FeedCatchUpTests.QuickHeartbeatHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Browsers_of_an_incident_activated_again_get_its_whole_picture_with_what_it_recorded_unheard()
    {
        var id = $"moved-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = "P1", callsign = "Patrol 1", role = "contact" })).EnsureSuccessStatusCode();
        await using var watcher = await FrameWatcher.JoinAsync(host, id);
        var incident = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(id);

        // The incident leaves its silo; a drill played from outside says it paused, which activates the incident again
        // before this host has subscribed to it anew.
        await incident.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "clock", scenario = "outside", speed = 0 })).EnsureSuccessStatusCode();
        var timeline = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct);
        var paused = Assert.Single(timeline!, e => e.GetProperty("type").GetString() == "drill-controlled").GetProperty("sequence").GetInt64();

        var whole = await watcher.WaitForAsync(f => f.Full);

        // The page reads the pause back from the recording up to the whole picture's sequence, and takes its clock from it.
        Assert.True(whole.Sequence >= paused, $"the whole picture at {whole.Sequence} is older than the pause at {paused}");
        Assert.Equal((0d, "outside"), (whole.DrillClock?.Rate, whole.DrillClock?.Scenario));
        Assert.Equal("P1", Assert.Single(whole.Units).UnitId);
    }

    /// <summary>A host whose incidents send a heartbeat every second, so a feed gone silent is noticed in a few.</summary>
    public sealed class QuickHeartbeatHost() : CommandHost(new Dictionary<string, string?> { ["Frames:Heartbeat"] = "00:00:01" });
}
