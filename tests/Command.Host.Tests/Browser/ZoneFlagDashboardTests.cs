using System.Net.Http.Json;
using Command.Host.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>Zone flags are not carried by a unit: a page learns of them from its frames, in their words of the moment, and its feed from flag events, recorded or live.</summary>
public sealed class ZoneFlagDashboardTests(FakeClockDashboardHost host) : IClassFixture<FakeClockDashboardHost>
{
    [Fact]
    public async Task A_page_opened_after_a_zone_flag_was_raised_shows_it_among_the_flags_up()
    {
        // Two minutes of incident time with the only contact unit outside the hot zone, closing slowly.
        var scene = await PatrolOutsideAsync("zone");
        await ReportEveryFiveSecondsAsync(scene, 24, i => -200 + (i * 4));

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);

        var zone = dashboard.ActiveFlags.Locator("li[data-subject='zone:hot']");
        await Expect(zone).ToHaveClassAsync("flag-watch");
        await Expect(zone.Locator(".who")).ToHaveTextAsync("hot zone Main building");
        // Its reason names the zone first, which beside the zone's name read twice: "hot zone Main building hot zone…".
        // The flag says how long the rule has been broken now, the feed how long when it went up.
        await Expect(zone.Locator(".reason")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^has had no contact unit for (1[0-9][0-9] s|2 min) while the threat is active$"));
        var line = dashboard.Feed.Locator("li[data-type='flag-raised'][data-subject='zone:hot']");
        await Expect(line).ToHaveCountAsync(1);
        await Expect(line.Locator(".reason")).ToHaveTextAsync("has had no contact unit for 60 s while the threat is active");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_zone_flag_standing_on_says_how_long_its_rule_has_been_broken_as_the_clock_runs_on()
    {
        // Two minutes with the only contact unit standing 200 m out: the hot zone is flagged.
        var scene = await PatrolOutsideAsync("zonel");
        await ReportEveryFiveSecondsAsync(scene, 24, _ => -200);

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var reason = dashboard.ActiveFlags.Locator("li[data-subject='zone:hot'] .reason");
        await Expect(reason).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^has had no contact unit for (1[0-9][0-9] s|2 min) while the threat is active$"));
        await dashboard.Page.Locator(".zone-label [data-zone='hot']").ClickAsync();

        // Nobody comes for five more minutes, the patrol still reporting from where it stands. Escalated at 3 min, the
        // flag goes on saying how long, where it said "for 3 min" from its escalation on.
        await ReportEveryFiveSecondsAsync(scene, 60, _ => -200);

        const string Now = "has had no contact unit for 7 min while the threat is active";
        await Expect(reason).ToHaveTextAsync(Now);
        await Expect(dashboard.ActiveFlags.Locator("li[data-subject='zone:hot']")).ToHaveClassAsync("flag-alert");
        await Expect(dashboard.Feed.Locator("li[data-type='flag-escalated'][data-subject='zone:hot'] .reason"))
            .ToHaveTextAsync("has had no contact unit for 3 min while the threat is active");
        await Expect(dashboard.Page.Locator("#zone-panel .zone-flag")).ToContainTextAsync("hot zone Main building has had no contact unit for 7 min");
        // And so does the zone's reading, as of its last change.
        var reading = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/incidents/{scene.IncidentId}/zones/hot", TestContext.Current.CancellationToken);
        Assert.Equal("hot zone Main building " + Now, reading.GetProperty("flag").GetProperty("reason").GetString());
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_casualty_collection_points_flag_names_it_as_its_reason_does_and_says_the_reason_after_it_once()
    {
        // Three minutes with no medical unit at the casualty collection point while the threat is active: a watch.
        var scene = await Scene.OpenAsync(host, "ccp", TestSite.CreateZonedIncident);
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await ReportEveryFiveSecondsAsync(scene, 40, i => 60);

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);

        // It read "casualty-collection zone Casualty collection — south lawn" beside "casualty collection point Casualty
        // collection — south lawn has had…": its name twice.
        var flag = dashboard.ActiveFlags.Locator("li[data-subject='zone:ccp']");
        await Expect(flag.Locator(".who")).ToHaveTextAsync("casualty collection point Casualty collection — south lawn");
        await Expect(flag.Locator(".reason")).ToHaveTextAsync("has had no medical unit for 3 min");
        var line = dashboard.Feed.Locator("li[data-type='flag-raised'][data-subject='zone:ccp']");
        await Expect(line.Locator(".reason")).ToHaveTextAsync("has had no medical unit for 3 min");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_replay_timeline_names_a_zone_by_its_kind_and_name_and_a_unit_by_its_callsign()
    {
        var scene = await Scene.OpenAsync(host, "zonet");
        await scene.ThreatAsync(0, 100);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        // Two minutes with the only contact unit standing 200 m out: it is flagged, and so is the hot zone it never reaches.
        for (var i = 0; i < 24; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await scene.ReportAsync("P1", host.Clock.GetUtcNow(), 0, -200);
        }

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(1);
        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator("#session-picker")).ToHaveValueAsync(scene.IncidentId);

        // Named before the replay has shown either: it opens at its first instant, with no unit yet.
        var zone = dashboard.Page.Locator(".mark.flag-raised[data-subject='zone:hot']");
        var unit = dashboard.Page.Locator(".mark.flag-raised[data-subject='P1']");
        await Expect(zone).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^[0-9:]+ hot zone Main building flag raised \\(watch\\): "));
        await Expect(unit.First).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^[0-9:]+ Patrol 1 flag raised "));
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Clicking_a_zone_name_shows_who_is_inside_for_how_long_and_its_flag()
    {
        var scene = await Scene.OpenAsync(host, "zonep");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.EnrolAsync("M1", "Medic 1", "medical");
        var start = host.Clock.GetUtcNow();

        // The medic walks into the hot zone and stays; no contact unit comes in for two minutes.
        for (var i = 0; i < 24; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await scene.ReportAsync("P1", host.Clock.GetUtcNow(), 0, -200);
            await scene.ReportAsync("M1", host.Clock.GetUtcNow(), 10, i < 2 ? 0 : 90);
        }

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await dashboard.Page.Locator(".zone-label [data-zone='hot']").ClickAsync();

        var panel = dashboard.Page.Locator("#zone-panel");
        await Expect(panel.Locator("h3")).ToHaveTextAsync("Main building");
        await Expect(panel.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(panel.Locator("tbody tr[data-unit='M1'] td").First).ToHaveTextAsync("Medic 1");
        // In since its fourth fix, 20 s into the drill: its third, 90 m on, is held back as a burst of multipath until
        // the next bears it out, and a unit is in a zone where it stands. The incident's clock is at 120 s (and the
        // page lets it run on between frames, so a slow page may show a second or two more).
        var inside = await panel.Locator("tbody tr[data-unit='M1']").GetAttributeAsync("data-since");
        Assert.Equal(start.AddSeconds(20), DateTimeOffset.Parse(inside!, System.Globalization.CultureInfo.InvariantCulture));
        await Expect(panel.Locator("tbody tr[data-unit='M1'] td.num")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^1:4[0-9]$"));
        await Expect(panel.Locator(".zone-flag")).ToContainTextAsync("WATCH");
        await Expect(panel.Locator(".zone-rule")).ToContainTextAsync("no contact unit inside");
        await dashboard.ScreenshotAsync("zone-panel.png");

        await panel.Locator("[data-close]").ClickAsync();
        await Expect(panel).ToBeHiddenAsync();
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_unit_gone_silent_in_a_zone_is_listed_there_as_stale_and_not_counted()
    {
        var scene = await Scene.OpenAsync(host, "zones");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");

        // In the hot zone, reporting every 5 s for half a minute; then its radio goes silent. Stale 15 s later (three of
        // its intervals), on the incident's clock with no report to bring it.
        for (var i = 0; i < 6; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await scene.ReportAsync("P1", host.Clock.GetUtcNow(), 0, 90);
        }

        var lastHeard = host.Clock.GetUtcNow();
        host.Clock.Advance(TimeSpan.FromSeconds(20));

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await dashboard.Page.Locator(".zone-label [data-zone='hot']").ClickAsync();

        var panel = dashboard.Page.Locator("#zone-panel");
        var row = panel.Locator("tbody tr.stale[data-unit='P1']");
        await Expect(row).ToHaveCountAsync(1);
        Assert.Equal(lastHeard, DateTimeOffset.Parse((await row.GetAttributeAsync("data-silent-since"))!, System.Globalization.CultureInfo.InvariantCulture));
        await Expect(row.Locator("td.num")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^stale, last heard 0:2[0-9] ago$"));
        await Expect(panel.Locator("caption")).ToHaveTextAsync("0 inside, 1 stale (not counted)");
        await Expect(panel.Locator(".zone-rule")).ToContainTextAsync("no contact unit inside while the threat is active");
        await dashboard.ScreenshotAsync("zone-panel-stale.png");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_zone_reading_asked_before_another_incident_was_picked_stays_out_of_that_ones_panel()
    {
        // Runs of one scenario share zone ids. A reading of the hot zone asked for just before another incident was picked,
        // come once that one's hot zone was opened, showed the first incident's occupants in the panel of the one picked.
        var picked = await Scene.OpenAsync(host, "zonepb");
        await picked.ThreatAsync(0, 100);
        await picked.EnrolAsync("B1", "Bravo 1", "contact");
        await InsideAsync(picked, "B1");
        var first = await Scene.OpenAsync(host, "zonepa");
        await first.ThreatAsync(0, 100);
        await first.EnrolAsync("A1", "Alpha 1", "medical");
        await InsideAsync(first, "A1");

        await using var dashboard = await Dashboard.OpenAsync(host, first.IncidentId);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pickedAway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await dashboard.Page.RouteAsync($"**/api/incidents/{first.IncidentId}/zones/hot", async route =>
        {
            asked.TrySetResult();
            await pickedAway.Task;
            await route.ContinueAsync();
        });
        await dashboard.Page.Locator(".zone-label [data-zone='hot']").ClickAsync();
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        await dashboard.Page.Locator("#incident-picker").SelectOptionAsync(picked.IncidentId);
        await dashboard.Page.WaitForFunctionAsync("id => { const p = window.commandPage.picture; return p.groupId === id && p.snapshotSequence >= 0; }", picked.IncidentId);
        // Its own readings held, so that only the late one could fill the panel.
        var pickedAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await dashboard.Page.RouteAsync($"**/api/incidents/{picked.IncidentId}/zones/hot", async route =>
        {
            pickedAsked.TrySetResult();
            await done.Task;
            await route.ContinueAsync();
        });
        var label = dashboard.Page.Locator(".zone-label [data-zone='hot']");
        await Expect(label).ToHaveCountAsync(1);
        await label.ClickAsync();
        await pickedAsked.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        var panel = dashboard.Page.Locator("#zone-panel");

        var answered = dashboard.Page.WaitForResponseAsync($"**/api/incidents/{first.IncidentId}/zones/hot");
        pickedAway.SetResult();
        await answered;
        // Two turns of the page's event loop: the answer read and what the page does with it.
        await dashboard.Page.EvaluateAsync("() => new Promise(done => setTimeout(() => setTimeout(done)))");

        Assert.Equal(0, await panel.Locator("tbody tr[data-unit='A1']").CountAsync());
        done.SetResult();
        await Expect(panel.Locator("tbody tr[data-unit='B1']")).ToHaveCountAsync(1);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_zone_reading_come_after_a_newer_one_does_not_go_over_it()
    {
        // The panel reads its zone again every two seconds. On a network slower than that, a reading taken before a medic
        // came in, come after the next, said nobody was inside until the next refresh.
        var scene = await Scene.OpenAsync(host, "zoneo");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("M1", "Medic 1", "medical");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var taken = new TaskCompletionSource<Microsoft.Playwright.IRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var overtaken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holdNext = false;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await dashboard.Page.RouteAsync($"**/api/incidents/{scene.IncidentId}/zones/hot", async route =>
        {
            if (!taken.Task.IsCompleted)
            {
                // Read from the host now, handed to the page later.
                var reading = await route.FetchAsync();
                taken.TrySetResult(route.Request);
                await overtaken.Task;
                await route.FulfillAsync(new() { Response = reading });
                return;
            }

            if (Volatile.Read(ref holdNext)) await done.Task;
            await route.ContinueAsync();
        });
        await dashboard.Page.Locator(".zone-label [data-zone='hot']").ClickAsync();
        var first = await taken.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        await InsideAsync(scene, "M1");

        var panel = dashboard.Page.Locator("#zone-panel");
        await Expect(panel.Locator("tbody tr[data-unit='M1']")).ToHaveCountAsync(1);
        // Later refreshes held, so that only the old reading could change the panel.
        Volatile.Write(ref holdNext, true);

        var answered = dashboard.Page.WaitForResponseAsync(r => r.Request == first);
        overtaken.SetResult();
        await answered;
        await dashboard.Page.EvaluateAsync("() => new Promise(done => setTimeout(() => setTimeout(done)))");

        Assert.Equal(1, await panel.Locator("tbody tr[data-unit='M1']").CountAsync());
        done.SetResult();
        Assert.Empty(dashboard.Errors);
    }

    // A unit reporting from inside the hot zone three times, 5 s apart on the incident's clock.
    private async Task InsideAsync(Scene scene, string unitId)
    {
        for (var i = 0; i < 3; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await scene.ReportAsync(unitId, host.Clock.GetUtcNow(), 10, 90);
        }
    }

    // An incident whose threat is active in the hot zone, with one contact unit, Patrol 1, not yet reported.
    private async Task<Scene> PatrolOutsideAsync(string incidentId)
    {
        var scene = await Scene.OpenAsync(host, incidentId);
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        return scene;
    }

    // Patrol 1 reports every 5 s of the incident's clock, its i-th report north(i) m north of the site's origin.
    private async Task ReportEveryFiveSecondsAsync(Scene scene, int reports, Func<int, double> north)
    {
        for (var i = 0; i < reports; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await scene.ReportAsync("P1", host.Clock.GetUtcNow(), 0, north(i));
        }
    }
}
