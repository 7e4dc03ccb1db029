using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>What a page knows when it joins late or loses its connection: nothing missed, nothing stale passed off as live.</summary>
public sealed partial class LiveDashboardTests
{
    [Fact]
    public async Task A_page_opened_after_flags_were_raised_lists_them_and_the_commands_newest_first()
    {
        var scene = await Scene.HeldPatrolAsync(host, "late");
        await scene.AcknowledgeAsync("P1", "hazard reported");

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);

        var items = dashboard.Feed.Locator("li");
        await Expect(items).ToHaveCountAsync(3);
        await Expect(items.Nth(0)).ToHaveAttributeAsync("data-type", "flag-acknowledged");
        await Expect(items.Nth(0)).ToContainTextAsync("ACKPatrol 1hazard reported — token:bootstrap");
        await Expect(items.Nth(1)).ToHaveAttributeAsync("data-type", "flag-raised");
        await Expect(items.Nth(1)).ToContainTextAsync("⚠ ALERTPatrol 1holding ");
        await Expect(items.Nth(2)).ToHaveAttributeAsync("data-type", "threat-set");
        await Expect(items.Nth(2)).ToContainTextAsync("THREATPLACED · ACTIVEtoken:bootstrap");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_lost_connection_says_so_then_reconnects_by_itself_and_catches_up()
    {
        var (scene, link, dashboard) = await HoldingBehindALinkAsync("drop");
        await using var _ = dashboard;
        var lost = dashboard.Page.Locator("#connection-lost");
        await Expect(dashboard.Feed.Locator("li[data-type='flag-raised'][data-subject='P1']")).ToHaveCountAsync(1);
        await Expect(lost).ToBeHiddenAsync();

        await link.CutAsync();

        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Reconnecting…");
        await Expect(lost).ToBeVisibleAsync();
        await Expect(lost).ToContainTextAsync("Connection lost — reconnecting by itself.");
        await Expect(dashboard.Page.Locator("body")).ToHaveClassAsync("connection-lost");
        // The unit moves while the page cannot hear it; the fix is five seconds after the hold's last (the most a fix
        // may be ahead of the host's clock).
        await scene.ReportAsync("P1", DateTimeOffset.UtcNow.AddSeconds(4), 0, -20);

        link.Restore();

        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await Expect(lost).ToBeHiddenAsync();
        await Expect(dashboard.Page.Locator("body")).Not.ToHaveClassAsync("connection-lost");
        await Expect(dashboard.Notice).ToHaveTextAsync("Reconnected — the picture is live again.");
        await dashboard.Marker("P1").ToShowAsync("lat", Scene.Shown(0, -20).Lat);
        await Expect(dashboard.Feed.Locator("li[data-type='flag-raised'][data-subject='P1']")).ToHaveCountAsync(1);
        // The browser reports each refused attempt to reach the hub; nothing else may go wrong.
        Assert.All(dashboard.Errors, e => Assert.Contains("net::ERR_CONNECTION_REFUSED", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_connection_back_says_it_is_catching_up_until_the_incident_answers_not_live_over_the_old_picture()
    {
        var (scene, link, dashboard) = await HoldingBehindALinkAsync("catch-up");
        await using var _ = dashboard;
        var lost = dashboard.Page.Locator("#connection-lost");

        await link.CutAsync();
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Reconnecting…");
        await scene.ReportAsync("P1", DateTimeOffset.UtcNow.AddSeconds(4), 0, -20);
        link.HoldAnswers();
        link.Restore();

        // Connected again, but the incident has not answered: the picture is still the one from before the loss.
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Catching up…");
        await Expect(lost).ToBeVisibleAsync();
        await Expect(lost).ToContainTextAsync("Connection back — catching up with what was missed. The picture is as it was at ");
        await Expect(dashboard.Page.Locator("body")).ToHaveClassAsync("connection-lost");
        await dashboard.Marker("P1").ToShowAsync("lat", Scene.Shown(0, -60).Lat);

        link.ReleaseAnswers();

        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await Expect(lost).ToBeHiddenAsync();
        await Expect(dashboard.Notice).ToHaveTextAsync("Reconnected — the picture is live again.");
        await dashboard.Marker("P1").ToShowAsync("lat", Scene.Shown(0, -20).Lat);
        Assert.All(dashboard.Errors, e => Assert.Contains("net::ERR_CONNECTION_REFUSED", e, StringComparison.Ordinal));
    }

    // A unit holding short of the threat, shown on a page whose link to the hub the test cuts and restores.
    private async Task<(Scene Scene, HubLink Link, Dashboard Dashboard)> HoldingBehindALinkAsync(string prefix)
    {
        var scene = await Scene.HeldPatrolAsync(host, prefix);
        var link = new HubLink();
        var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, prepare: link.AttachAsync);
        await dashboard.Marker("P1").ToShowAsync("lat", Scene.Shown(0, -60).Lat);
        return (scene, link, dashboard);
    }

    [Fact]
    public async Task While_the_connection_is_lost_the_drill_is_shown_as_last_heard_and_its_controls_wait()
    {
        // On the demo scenario's own site: a scenario is played only on its ground.
        var site = (await Command.Simulation.Demo.DemoScenario.LoadAsync(TestContext.Current.CancellationToken)).Site;
        var scene = await Scene.OpenAsync(host, "drill-drop", id => Support.DemoSite.Incident(id, site));
        var link = new HubLink();
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Exercise lead", prepare: link.AttachAsync);
        var drill = dashboard.Page.Locator("#drill-state");
        await dashboard.Page.Locator("[data-drill='start']").ClickAsync();
        await Expect(drill).ToHaveAttributeAsync("data-state", "running");
        await Expect(dashboard.Page.Locator("[data-drill='pause']")).ToBeEnabledAsync();
        // The page runs the drill's clock on from the host's answer to the start, and asks again only when it must.
        await Expect(drill).ToHaveTextAsync("RUNNING · 0:03");

        await link.CutAsync();

        // Not run on as if the host were still heard (the page cannot know whether it plays), and not put back to the
        // time of the last answer either: held at what the page showed when the connection went (a tick later at most).
        await Expect(drill).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^RUNNING · 0:0[34] · as last heard$"));
        await Expect(dashboard.Page.Locator("[data-drill='pause']")).ToBeDisabledAsync();
        await Expect(dashboard.Page.Locator("[data-drill='stop']")).ToBeDisabledAsync();

        link.Restore();

        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await Expect(drill).Not.ToContainTextAsync("as last heard");
        await Expect(dashboard.Page.Locator("[data-drill='pause']")).ToBeEnabledAsync();
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "stop" })).EnsureSuccessStatusCode();
        Assert.All(dashboard.Errors, e => Assert.Contains("net::ERR_CONNECTION_REFUSED", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_command_that_cannot_reach_the_host_says_so_in_words_not_the_browser_s()
    {
        var scene = await Scene.OpenAsync(host, "unreached");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Exercise lead");
        var start = dashboard.Page.Locator("[data-drill='start']");
        await Expect(start).ToBeEnabledAsync();
        // The network gives way between the page and the host: the call is never answered.
        await dashboard.Page.RouteAsync("**/api/incidents/*/drill", route => route.AbortAsync("connectionrefused"));

        await start.ClickAsync();

        await Expect(dashboard.Notice).ToHaveTextAsync(
            $"The host could not be reached (POST /api/incidents/{scene.IncidentId}/drill): try again once the connection is back");
        Assert.All(dashboard.Errors, e => Assert.Contains("net::ERR_CONNECTION_REFUSED", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_whole_picture_merged_on_its_way_with_a_later_frame_lists_each_recorded_event_once()
    {
        var scene = await Scene.HeldPatrolAsync(host, "merged");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var raised = dashboard.Feed.Locator("li[data-type='flag-raised'][data-subject='P1']");
        var placed = dashboard.Feed.Locator("li[data-type='threat-set']");
        await Expect(raised).ToHaveCountAsync(1);

        // What a host's channel sends a page when the whole picture (a host catching up after its incident moved) and a
        // frame after it merge on the way: the whole picture at the later frame's sequence, carrying that frame's events,
        // which the recording read back up to that sequence holds too.
        await dashboard.Page.EvaluateAsync("""
            async () => {
              const { picture } = window.commandPage;
              const timeline = await (await fetch(`/api/sessions/${picture.groupId}/timeline`)).json();
              const flag = timeline.find(e => e.type === 'flag-raised');
              picture.apply({
                incidentId: picture.groupId, sequence: picture.sequence, clock: new Date(picture.now()).toISOString(), full: true,
                units: [...picture.units.values()], threats: [...picture.threats.values()], events: [flag],
              });
            }
            """);

        // The threat's placing comes only from the recording: once it is listed again, so is everything read back.
        await Expect(placed).ToHaveCountAsync(1);
        await Expect(raised).ToHaveCountAsync(1);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_frame_that_comes_after_a_newer_one_moves_its_unit_but_does_not_set_the_clock_back()
    {
        var scene = await Scene.HeldPatrolAsync(host, "late-frame");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(dashboard.Feed.Locator("li[data-type='flag-raised'][data-subject='P1']")).ToHaveCountAsync(1);

        // Two frames a minute ahead of the page, come in the wrong order: the newer one (the clock alone), then the
        // older one with the unit moved 20 m north, which no newer frame said.
        var behindMs = await dashboard.Page.EvaluateAsync<double>("""
            () => {
              const { picture } = window.commandPage;
              const ahead = Math.floor(picture.now()) + 60_000;
              const unit = picture.units.get('P1');
              const moved = { ...unit, lastFix: { ...unit.lastFix, position: { ...unit.lastFix.position, latitude: unit.lastFix.position.latitude + 20 / 111_320 } } };
              const frame = (sequence, ms, units) => ({ incidentId: picture.groupId, sequence, clock: new Date(ms).toISOString(), full: false, units, threats: [], events: [] });
              picture.apply(frame(picture.sequence + 2, ahead, []));
              picture.apply(frame(picture.sequence - 1, ahead - 900, [moved]));
              return ahead - picture.now();
            }
            """);

        Assert.True(behindMs <= 0, $"the page's clock went back {behindMs} ms for a late frame");
        await dashboard.Marker("P1").ToShowAsync("lat", Scene.Shown(0, -40).Lat);
        Assert.Empty(dashboard.Errors);
    }
}
