using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Net.Http.Json;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>Commands a commander gives from the page: move the threat, run the drill, reassign a unit.</summary>
public sealed partial class LiveDashboardTests
{
    [Fact]
    public async Task Dragging_the_threat_in_one_browser_moves_it_in_another()
    {
        var scene = await Scene.OpenAsync(host, "drag");
        await scene.ThreatAsync(0, 100, name: "Shooter", remarks: "male, black hoodie");
        await using var dragger = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Reyes");
        await using var watcher = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Dispatch");
        var start = Scene.Shown(0, 100);
        await Expect(dragger.Threat()).ToHaveAttributeAsync("data-lat", start.Lat);
        await Expect(watcher.Threat()).ToHaveAttributeAsync("data-lat", start.Lat);

        var box = (await dragger.Threat().BoundingBoxAsync())!;
        var (x, y) = (box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await dragger.Page.Mouse.MoveAsync(x, y);
        await dragger.Page.Mouse.DownAsync();
        await dragger.Page.Mouse.MoveAsync(x + 60, y + 80, new() { Steps = 12 });
        await dragger.Page.Mouse.UpAsync();

        await Expect(dragger.Threat()).Not.ToHaveAttributeAsync("data-lat", start.Lat);
        var lat = (await dragger.Threat().GetAttributeAsync("data-lat"))!;
        var lon = (await dragger.Threat().GetAttributeAsync("data-lon"))!;
        await Expect(watcher.Threat()).ToHaveAttributeAsync("data-lat", lat);
        await Expect(watcher.Threat()).ToHaveAttributeAsync("data-lon", lon);
        await Expect(watcher.Feed.Locator("li").First).ToHaveAttributeAsync("data-type", "threat-set");
        // Moved by hand, it is still what it was said to be.
        await Expect(watcher.Feed.Locator("li").First).ToContainTextAsync("THREATPLACED · ACTIVEShooter: male, black hoodie — Cmdr Reyes");
        Assert.Equal("Shooter", (await scene.ThreatViewAsync()).GetProperty("name").GetString());
        var position = (await scene.ThreatViewAsync()).GetProperty("position");
        Assert.Equal(lat, position.GetProperty("latitude").GetDouble().ToString("F6", CultureInfo.InvariantCulture));
        Assert.Equal(lon, position.GetProperty("longitude").GetDouble().ToString("F6", CultureInfo.InvariantCulture));
        Assert.True(double.Parse(lat, CultureInfo.InvariantCulture) < double.Parse(start.Lat, CultureInfo.InvariantCulture), "dragged down the screen is south");
        Assert.Empty(dragger.Errors);
        Assert.Empty(watcher.Errors);
    }

    [Fact]
    public async Task A_commander_places_the_threat_on_the_map_then_sets_its_phase()
    {
        var scene = await Scene.OpenAsync(host, "place");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Okafor", roles: ["commander"]);
        var contained = dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Contained" });
        await Expect(dashboard.Page.Locator("#threat-phase")).ToHaveTextAsync("NO THREAT");
        await Expect(contained).ToBeDisabledAsync();

        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Place threat" }).ClickAsync();
        var map = (await dashboard.Page.Locator("#map").BoundingBoxAsync())!;
        await dashboard.Page.Mouse.ClickAsync(map.X + (map.Width / 2), map.Y + (map.Height / 2));

        await Expect(dashboard.Threat()).ToHaveAttributeAsync("data-phase", "active");
        await Expect(dashboard.Page.Locator("#threat-phase")).ToHaveTextAsync("ACTIVE");
        await Expect(dashboard.Feed.Locator("li").First).ToContainTextAsync("THREATPLACED · ACTIVECmdr Okafor");
        await contained.ClickAsync();
        // Containing the threat suppresses flags: it takes a reason, as an acknowledgement does.
        await dashboard.Page.Locator(".reason-menu [data-reason='subject barricaded']").ClickAsync();

        await Expect(dashboard.Page.Locator("#threat-phase")).ToHaveTextAsync("CONTAINED");
        await Expect(dashboard.Feed.Locator("li").First).ToContainTextAsync("THREATCONTAINEDsubject barricaded — Cmdr Okafor");
        await Expect(dashboard.Page.Locator("#suppression")).ToContainTextAsync("contained, declared by Cmdr Okafor: subject barricaded");
        Assert.Equal("contained", (await scene.ThreatViewAsync()).GetProperty("phase").GetString());

        // In custody: still suppressed since the containment, and the banner says when the custody was declared.
        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Neutralized" }).ClickAsync();
        await dashboard.Page.Locator(".reason-menu [data-reason='subject in custody']").ClickAsync();
        await Expect(dashboard.Page.Locator("#suppression")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(
            @"^Flags suppressed since \d\d:\d\d:\d\d — neutralized at \d\d:\d\d:\d\d, declared by Cmdr Okafor: subject in custody$"));
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_threats_marker_deleted_on_a_device_is_said_across_the_page_until_command_declares_its_phase()
    {
        var scene = await Scene.OpenAsync(host, "unmarked");
        // As the CoT listeners hand on a hostile marker dropped on an ATAK, and then its deletion from another device.
        var port = host.Services.GetRequiredService<Command.Ingest.Intake.IIncidentPort>();
        var marker = new Domain.Threats.Threat("T1", Support.TestSite.Frame.ToGeo(new Domain.Geometry.LocalPoint(0, 100)), null, Domain.Threats.ThreatPhase.Active, Marker: "H-2",
            Name: "Shooter", Remarks: "male, black hoodie, rifle");
        Assert.Null(await port.SetThreatAsync(scene.IncidentId, marker, "cot:H-2@10.20.0.9, placed by ALPHA 7", TestContext.Current.CancellationToken));
        await scene.EnrolAsync("ANDROID-7f3a", "BRAVO 2", "contact");
        // An account of its own: the one a name is first signed in with keeps its roles, and this test replays too.
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Ibarra");
        var banner = dashboard.Page.Locator("#marker-deleted");
        // What the marker calls it is on its label; what its author wrote of it, on its title and in the feed.
        await Expect(dashboard.Threat().Locator(".threat-label")).ToHaveTextAsync("THREAT · ACTIVE · Shooter · ± unknown");
        await Expect(dashboard.Threat()).ToHaveAttributeAsync("title", "Shooter: male, black hoodie, rifle");
        await Expect(dashboard.Feed.Locator("li[data-type='threat-set']")).ToContainTextAsync("Shooter: male, black hoodie, rifle — marker — cot:H-2@10.20.0.9, placed by ALPHA 7");
        await Expect(banner).ToBeHiddenAsync();

        // Marked unknown on the device that placed it (the threat misidentified?), then deleted on another.
        Assert.Null(await port.DeleteMarkerAsync(scene.IncidentId, new("H-2", "ANDROID-7f3a", "unknown", By: "ANDROID-7f3a"), "cot:ANDROID-7f3a@10.20.0.9", TestContext.Current.CancellationToken));
        await Expect(banner).ToContainTextAsync("Threat T1's marker marked unknown on a device at ");
        var changed = dashboard.Feed.Locator("li[data-type='threat-marker-deleted']", new() { HasText = "MARKER NOW UNKNOWN" });
        await Expect(changed).ToContainTextAsync("THREATMARKER NOW UNKNOWNH-2 marked unknown on a device; the threat stands as placed until placed again or declared — cot:ANDROID-7f3a@10.20.0.9, BRAVO 2");
        await Expect(dashboard.Threat().Locator(".threat-label")).ToContainTextAsync("THREAT · ACTIVE · Shooter · ± unknown · marker marked unknown ");

        Assert.Null(await port.DeleteMarkerAsync(scene.IncidentId, new("H-2", "9f2c41e0-delete", Linked: "ANDROID-7f3a", By: "ANDROID-7f3a"), "cot:ANDROID-7f3a@10.20.0.9", TestContext.Current.CancellationToken));

        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("Threat T1's marker deleted on a device at ");
        await Expect(banner).ToContainTextAsync("(cot:ANDROID-7f3a@10.20.0.9, BRAVO 2) — it stands here, active, until it is placed again or its phase is declared");
        await Expect(dashboard.Threat()).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("marker-deleted"));
        await Expect(dashboard.Threat().Locator(".threat-label")).ToContainTextAsync("THREAT · ACTIVE · Shooter · ± unknown · marker deleted ");
        var deleted = dashboard.Feed.Locator("li[data-type='threat-marker-deleted']", new() { HasText = "MARKER DELETED" });
        await Expect(deleted).ToContainTextAsync("THREATMARKER DELETEDH-2 deleted on a device; the threat stands as placed until placed again or declared — cot:ANDROID-7f3a@10.20.0.9, BRAVO 2");
        await dashboard.ScreenshotAsync("marker-deleted.png");

        // Command's word answers the question: the banner goes, the map still says the marker is gone.
        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Neutralized" }).ClickAsync();
        await dashboard.Page.Locator(".reason-menu [data-reason='subject in custody']").ClickAsync();
        await Expect(banner).ToBeHiddenAsync();
        await Expect(dashboard.Threat().Locator(".threat-label")).ToContainTextAsync("THREAT · NEUTRALIZED · Shooter · ± unknown · marker deleted ");

        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator("#session-picker")).ToHaveValueAsync(scene.IncidentId);
        await ReplayDashboardTests.SeekAsync(dashboard, "End");
        await Expect(deleted).ToContainTextAsync("THREATMARKER DELETEDH-2 deleted on a device; the threat stands as placed until placed again or declared — cot:ANDROID-7f3a@10.20.0.9, BRAVO 2");
        await Expect(changed).ToContainTextAsync("THREATMARKER NOW UNKNOWNH-2 marked unknown on a device");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_new_hostile_marker_on_a_contained_threat_stands_as_a_banner_until_a_commander_declares_it_active()
    {
        var scene = await Scene.OpenAsync(host, "sighted");
        await scene.ThreatAsync(0, 100, phase: "contained", reason: "barricaded in room 12");
        // A name of its own, with the crew's rights: the class shares one host, where another test signs Cmdr Okafor in as a
        // commander alone, who may not watch replays.
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Idowu");
        await using var observer = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Watcher Lind", roles: ["observer"]);
        var banner = dashboard.Page.Locator("#sighting");
        var start = Scene.Shown(0, 100);
        await Expect(banner).ToBeHiddenAsync();

        // As the CoT listeners hand on an officer's new hostile marker, 25 m north of the barricaded subject.
        var port = host.Services.GetRequiredService<Command.Ingest.Intake.IIncidentPort>();
        var marker = new Domain.Threats.Threat("T1", Support.TestSite.Frame.ToGeo(new Domain.Geometry.LocalPoint(0, 125)), null, Domain.Threats.ThreatPhase.Active, Marker: "HOSTILE-9");
        Assert.Null(await port.SetThreatAsync(scene.IncidentId, marker, "cot:HOSTILE-9@127.0.0.1, placed by ZULU 1", TestContext.Current.CancellationToken));

        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("New hostile marker HOSTILE-9 placed by ZULU 1 at ");
        await Expect(banner).ToContainTextAsync(", 25 m north of T1, which is contained: T1 stays contained until a commander declares it active");
        await Expect(observer.Page.Locator("#sighting")).ToContainTextAsync("New hostile marker HOSTILE-9 placed by ZULU 1 at ");
        await Expect(observer.Page.Locator("#sighting .declare-active")).ToHaveCountAsync(0);
        await Expect(dashboard.Threat()).ToHaveAttributeAsync("data-lat", start.Lat);
        await Expect(dashboard.Threat()).ToHaveAttributeAsync("data-phase", "contained");
        // The map shows where the marker was dropped, hollow, apart from the threat it did not move.
        var sighted = dashboard.Page.Locator(".sighted[data-marker='HOSTILE-9']");
        var dropped = Scene.Shown(0, 125);
        await Expect(sighted).ToHaveAttributeAsync("data-lat", dropped.Lat);
        await Expect(sighted).ToHaveAttributeAsync("data-lon", dropped.Lon);
        await Expect(sighted.Locator(".sighted-label")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^HOSTILE-9 · SIGHTED \d\d:\d\d:\d\d · NOT APPLIED$"));
        await Expect(observer.Page.Locator(".sighted[data-marker='HOSTILE-9']")).ToHaveAttributeAsync("data-lat", dropped.Lat);
        await Expect(dashboard.Feed.Locator("li[data-type='threat-sighted']")).ToContainTextAsync(
            "THREATNEW MARKER · STAYS CONTAINEDnew hostile marker HOSTILE-9 placed by ZULU 1, 25 m north of T1, which is contained: T1 stays contained until a commander declares it active — cot:HOSTILE-9@127.0.0.1, placed by ZULU 1");
        await dashboard.ScreenshotAsync("sighting.png");

        await banner.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Declare active" }).ClickAsync();
        await dashboard.Page.Locator(".reason-menu [data-reason='subject broke out']").ClickAsync();

        await Expect(banner).ToBeHiddenAsync();
        await Expect(observer.Page.Locator("#sighting")).ToBeHiddenAsync();
        await Expect(sighted).ToHaveCountAsync(0);
        await Expect(observer.Page.Locator(".sighted")).ToHaveCountAsync(0);
        await Expect(dashboard.Threat()).ToHaveAttributeAsync("data-phase", "active");
        await Expect(dashboard.Threat()).ToHaveAttributeAsync("data-lat", start.Lat);
        await Expect(dashboard.Feed.Locator("li[data-type='threat-phase-changed']").First).ToContainTextAsync("ACTIVEsubject broke out — Cmdr Idowu");

        // Replayed, the feed says it as it did live, read back from the recording.
        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator("#session-picker")).ToHaveValueAsync(scene.IncidentId);
        await ReplayDashboardTests.SeekAsync(dashboard, "End");
        await Expect(dashboard.Feed.Locator("li[data-type='threat-sighted']")).ToContainTextAsync(
            "THREATNEW MARKER · STAYS CONTAINEDnew hostile marker HOSTILE-9 placed by ZULU 1, 25 m north of T1, which is contained: T1 stays contained until a commander declares it active — cot:HOSTILE-9@127.0.0.1, placed by ZULU 1");
        Assert.Empty(dashboard.Errors);
        Assert.Empty(observer.Errors);
    }

    [Fact]
    public async Task A_new_hostile_marker_away_from_an_active_threat_does_not_move_it_until_a_commander_moves_it_there()
    {
        var scene = await Scene.OpenAsync(host, "sighted-active");
        var port = host.Services.GetRequiredService<Command.Ingest.Intake.IIncidentPort>();
        Domain.Threats.Threat Marker(string uid, double north) =>
            new("T1", Support.TestSite.Frame.ToGeo(new Domain.Geometry.LocalPoint(0, north)), null, Domain.Threats.ThreatPhase.Active, Marker: uid, Name: uid == "H-SHOOTER" ? "Shooter" : "Suspicious pkg");
        Assert.Null(await port.SetThreatAsync(scene.IncidentId, Marker("H-SHOOTER", 100), "cot:H-SHOOTER@127.0.0.1, placed by ZULU 1", TestContext.Current.CancellationToken));
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.HoldAsync("P1", 0, 95);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Idowu");
        await using var observer = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Watcher Lind", roles: ["observer"]);
        var banner = dashboard.Page.Locator("#sighting");
        await Expect(dashboard.Threat()).ToHaveAttributeAsync("data-lat", Scene.Shown(0, 100).Lat);

        // An officer at the shooter marks a suspicious package 200 m south, by the bus loop.
        Assert.Null(await port.SetThreatAsync(scene.IncidentId, Marker("H-PKG", -100), "cot:H-PKG@127.0.0.1, placed by ZULU 1", TestContext.Current.CancellationToken));

        await Expect(banner).ToContainTextAsync(", 200 m south of T1, which is active: T1 stays where it is until a commander moves it");
        await Expect(observer.Page.Locator("#sighting")).ToContainTextAsync("New hostile marker H-PKG placed by ZULU 1 at ");
        await Expect(observer.Page.Locator("#sighting button")).ToHaveCountAsync(0);
        await Expect(dashboard.Threat()).ToHaveAttributeAsync("data-lat", Scene.Shown(0, 100).Lat);
        await Expect(dashboard.Page.Locator(".sighted[data-marker='H-PKG']")).ToHaveAttributeAsync("data-lat", Scene.Shown(0, -100).Lat);
        await Expect(dashboard.Feed.Locator("li[data-type='threat-sighted']")).ToContainTextAsync(
            "THREATNEW MARKER · NOT MOVEDnew hostile marker H-PKG placed by ZULU 1, 200 m south of T1, which is active: T1 stays where it is until a commander moves it");
        // The officer at the shooter is not flagged holding 200 m from it.
        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("data-state", "arrived");

        await banner.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Move T1 here" }).ClickAsync();

        await Expect(banner).ToBeHiddenAsync();
        await Expect(observer.Page.Locator("#sighting")).ToBeHiddenAsync();
        await Expect(dashboard.Threat()).ToHaveAttributeAsync("data-lat", Scene.Shown(0, -100).Lat);
        await Expect(dashboard.Threat()).ToHaveAttributeAsync("data-phase", "active");
        await Expect(dashboard.Feed.Locator("li[data-type='threat-set']").First).ToContainTextAsync("Cmdr Idowu");
        Assert.Empty(dashboard.Errors);
        Assert.Empty(observer.Errors);
    }

    [Fact]
    public async Task A_phase_change_reads_the_same_after_a_reload_as_it_did_live()
    {
        var scene = await Scene.OpenAsync(host, "phase");
        await scene.ThreatAsync(0, 100);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Okafor", roles: ["commander"]);
        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Contained" }).ClickAsync();
        await dashboard.Page.Locator(".reason-menu [data-reason='subject barricaded']").ClickAsync();
        await Expect(dashboard.Feed.Locator("li").First).ToContainTextAsync("THREATCONTAINEDsubject barricaded — Cmdr Okafor");
        // Set the way a drill sets it: the threat placed again, with its phase and the reason.
        await scene.ThreatAsync(0, 100, phase: "neutralized", reason: "subject in custody");
        await Expect(dashboard.Feed.Locator("li").First).ToContainTextAsync("THREATNEUTRALIZEDsubject in custody — token:bootstrap");

        await using var later = await Dashboard.OpenAsync(host, scene.IncidentId);

        var threat = later.Feed.Locator("li[data-subject='T1']");
        await Expect(threat).ToHaveCountAsync(3);
        await Expect(threat.Nth(0)).ToContainTextAsync("THREATNEUTRALIZEDsubject in custody — token:bootstrap");
        await Expect(threat.Nth(1)).ToContainTextAsync("THREATCONTAINEDsubject barricaded — Cmdr Okafor");
        await Expect(threat.Nth(2)).ToContainTextAsync("THREATPLACED · ACTIVEtoken:bootstrap");
        Assert.Empty(later.Errors);
    }

    [Fact]
    public async Task The_incident_chosen_in_the_picker_is_the_one_a_reload_and_the_way_back_from_signing_in_open()
    {
        // The address kept the incident the page was opened on: a commander who chose another and reloaded, or was sent
        // to sign in and back, was shown the first (or the demo) again.
        var first = await Scene.OpenAsync(host, "addr-a");
        var chosen = await Scene.OpenAsync(host, "addr-b");
        await using var dashboard = await Dashboard.OpenAsync(host, first.IncidentId);
        var picker = dashboard.Page.Locator("#incident-picker");
        await picker.SelectOptionAsync(chosen.IncidentId);
        await Expect(dashboard.Page.Locator("#incident-name")).ToHaveTextAsync($"Drill {chosen.IncidentId}");

        await Expect(dashboard.Page).ToHaveURLAsync($"{host.BaseAddress}?incident={chosen.IncidentId}");
        await dashboard.Page.ReloadAsync();
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await Expect(picker).ToHaveValueAsync(chosen.IncidentId);
        await Expect(dashboard.Page.Locator("#incident-name")).ToHaveTextAsync($"Drill {chosen.IncidentId}");

        await dashboard.Page.Context.ClearCookiesAsync();
        await dashboard.Page.ReloadAsync();
        await Expect(dashboard.Page).ToHaveURLAsync($"{host.BaseAddress}sign-in/?return={Uri.EscapeDataString($"/?incident={chosen.IncidentId}")}");
        // Its cookie gone, whatever the page still had under way as it reloaded (its hub reconnecting, a status it asks
        // for every few seconds) may be refused 401 before the page is gone, which the browser logs, or not: that and
        // nothing else.
        Assert.DoesNotContain(dashboard.Errors, e => !e.Contains("the server responded with a status of 401", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Incidents_of_one_name_are_told_apart_in_the_picker_by_their_ids()
    {
        // Runs of one scenario are named after it: two of them read alike, and a commander picked one at random.
        var name = $"Meadowlark drill {Guid.NewGuid():N}"[..26];
        var (first, second) = ($"same-a-{Guid.NewGuid():N}"[..20], $"same-b-{Guid.NewGuid():N}"[..20]);
        foreach (var id in new[] { first, second })
        {
            (await host.PostJsonAsync("/api/incidents", new { id, name, site = new { name = "Test campus", origin = new { lat = Support.TestSite.Origin.Latitude, lon = Support.TestSite.Origin.Longitude } } })).EnsureSuccessStatusCode();
        }

        var scene = await Scene.OpenAsync(host, "unique");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);

        await Expect(dashboard.Page.Locator($"#incident-picker option[value='{first}']")).ToHaveTextAsync($"{name} · {first}");
        await Expect(dashboard.Page.Locator($"#incident-picker option[value='{second}']")).ToHaveTextAsync($"{name} · {second}");
        await Expect(dashboard.Page.Locator($"#incident-picker option[value='{scene.IncidentId}']")).ToHaveTextAsync($"Drill {scene.IncidentId}");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task An_incident_chosen_while_the_page_still_loads_the_one_it_opened_on_is_the_one_shown()
    {
        // The page asks for the incident it opened on; before the answer comes, the commander picks another. The first
        // answer, come last, put the first incident back in the header and watched it, under a picker naming the other.
        var first = await Scene.OpenAsync(host, "slow-a");
        var chosen = await Scene.OpenAsync(host, "slow-b");
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var dashboard = await Dashboard.OpenAsync(host, first.IncidentId, prepare: context =>
            context.RouteAsync($"**/api/incidents/{first.IncidentId}", async route =>
            {
                await held.Task;
                await route.ContinueAsync();
            }));
        await dashboard.Page.Locator("#incident-picker").SelectOptionAsync(chosen.IncidentId);
        await Expect(dashboard.Page.Locator("#incident-name")).ToHaveTextAsync($"Drill {chosen.IncidentId}");

        var answered = dashboard.Page.WaitForResponseAsync($"**/api/incidents/{first.IncidentId}");
        held.SetResult();
        await answered;
        // Two turns of the page's event loop: the answer read and what the page does with it.
        await dashboard.Page.EvaluateAsync("() => new Promise(done => setTimeout(() => setTimeout(done)))");

        await Expect(dashboard.Page.Locator("#incident-name")).ToHaveTextAsync($"Drill {chosen.IncidentId}");
        await Expect(dashboard.Page.Locator("#incident-picker")).ToHaveValueAsync(chosen.IncidentId);
        Assert.Equal(chosen.IncidentId, await dashboard.Page.EvaluateAsync<string>("() => window.commandPage.picture.groupId"));
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_drill_controls_start_pause_and_stop_the_simulated_drill()
    {
        // On the demo scenario's own site: a scenario is played only on its ground.
        var site = (await Command.Simulation.Demo.DemoScenario.LoadAsync(TestContext.Current.CancellationToken)).Site;
        var scene = await Scene.OpenAsync(host, "drill", id => Support.DemoSite.Incident(id, site));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Exercise lead");
        var drill = dashboard.Page.Locator("#drill-state");
        await Expect(drill).ToHaveTextAsync("no drill");
        var scenario = dashboard.Page.Locator("#drill-scenario");
        await Expect(scenario).ToHaveValueAsync("demo");
        await Expect(scenario.Locator("option[value='demo']")).ToHaveTextAsync("Meadowlark Flats School — active threat drill");

        await dashboard.Page.Locator("#drill-speed").SelectOptionAsync("4");
        await dashboard.Page.Locator("#drill-loop").CheckAsync();
        await dashboard.Page.Locator("[data-drill='start']").ClickAsync();
        await Expect(drill).ToHaveAttributeAsync("data-state", "running");
        await Expect(scenario).ToBeDisabledAsync();
        await Expect(dashboard.Page.Locator("#drill-speed")).ToBeDisabledAsync();
        var started = await scene.DrillAsync();
        Assert.Equal((4.0, true), (started.GetProperty("speed").GetDouble(), started.GetProperty("loop").GetBoolean()));
        await dashboard.Page.Locator("[data-drill='pause']").ClickAsync();
        await Expect(drill).ToHaveAttributeAsync("data-state", "paused");
        await Expect(drill).ToHaveAttributeAsync("title", "Paused: the drill's clock is stopped, so no hold grows and nobody is flagged for the pause");
        await Expect(dashboard.Feed.Locator("li[data-type='drill-controlled']").First).ToContainTextAsync("PAUSEdemo: its clock stopped, no hold grows — Exercise lead");
        var banner = dashboard.Page.Locator("#drill-clock");
        await Expect(banner).ToContainTextAsync("drill demo paused by Exercise lead: no hold grows and no unit goes stale until it plays on");
        await Expect(banner).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Judging paused since [0-9]{2}:[0-9]{2}:[0-9]{2} — "));
        // The host's own drill is resumed or stopped from its panel, not given real time from the banner.
        await Expect(banner.Locator("button")).ToBeHiddenAsync();
        // A page opened now, before any of the drill's units has reported, knows the drill from its paused clock.
        await using (var meanwhile = await Dashboard.OpenAsync(host, scene.IncidentId))
        {
            await Expect(meanwhile.Page.Locator("#drill-state")).ToHaveAttributeAsync("data-state", "paused");
            await Expect(meanwhile.Page.Locator("#drill-clock")).ToBeVisibleAsync();
            // What plays, how fast and whether it loops, as started from the other page.
            await Expect(meanwhile.Page.Locator("#drill-speed")).ToHaveValueAsync("4");
            await Expect(meanwhile.Page.Locator("#drill-loop")).ToBeCheckedAsync();
        }

        await dashboard.Page.Locator("[data-drill='stop']").ClickAsync();

        await Expect(drill).ToHaveAttributeAsync("data-state", "stopped");
        await Expect(banner).ToBeHiddenAsync();
        await Expect(dashboard.Page.Locator("[data-drill='start']")).ToBeEnabledAsync();
        await Expect(dashboard.Feed.Locator("li[data-type='drill-controlled']")).ToHaveCountAsync(3);
        await Expect(dashboard.Feed.Locator("li[data-type='drill-controlled']").First).ToContainTextAsync("STOP");
        Assert.Equal("stopped", (await scene.DrillAsync()).GetProperty("state").GetString());
        Assert.Empty(dashboard.Errors);

        // A page opened afterwards reads the same commands back from the recording.
        await using var later = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(later.Feed.Locator("li[data-type='drill-controlled']")).ToHaveCountAsync(3);
        await Expect(later.Feed.Locator("li[data-type='drill-controlled']").First).ToContainTextAsync("STOP");
        await Expect(later.Feed.Locator("li[data-type='drill-controlled']").First).ToContainTextAsync("Exercise lead");
        Assert.Empty(later.Errors);
    }

    [Fact]
    public async Task A_drill_started_on_an_incident_opened_with_only_an_origin_draws_the_site_it_gives_and_says_so_in_the_feed()
    {
        // The map was redrawn with the scenario's school, and nothing said where it came from, nor who brought it.
        var site = (await Command.Simulation.Demo.DemoScenario.LoadAsync(TestContext.Current.CancellationToken)).Site;
        var scene = await Scene.OpenAsync(host, "bare", id => new { id, name = $"Drill {id}", autoEnrol = true, site = new { origin = new { lat = site.Origin.Latitude, lon = site.Origin.Longitude } } });
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Exercise lead");
        var (buildings, zones) = (dashboard.Page.Locator(".building-label"), dashboard.Page.Locator(".zone-label"));
        await Expect(dashboard.Page.Locator("#drill-state")).ToHaveTextAsync("no drill");
        await Expect(buildings).ToHaveCountAsync(0);

        await dashboard.Page.Locator("[data-drill='start']").ClickAsync();

        await Expect(dashboard.Page.Locator("#drill-state")).ToHaveAttributeAsync("data-state", "running");
        await Expect(buildings).ToHaveCountAsync(site.Buildings.Length);
        await Expect(zones).ToHaveCountAsync(site.Zones.Length);
        var said = $"SITE SET{site.Name}{site.Buildings.Length} buildings, {site.Zones.Length} zones — drill demo — Exercise lead";
        await Expect(dashboard.Feed.Locator("li[data-type='site-set']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^[0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}{System.Text.RegularExpressions.Regex.Escape(said)}$"));
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "stop" })).EnsureSuccessStatusCode();
        Assert.Empty(dashboard.Errors);

        // A page opened afterwards reads it back from the recording, and draws the site the incident now has.
        await using var later = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(later.Feed.Locator("li[data-type='site-set']")).ToContainTextAsync(said);
        await Expect(later.Page.Locator(".building-label")).ToHaveCountAsync(site.Buildings.Length);
        Assert.Empty(later.Errors);
    }

    [Fact]
    public async Task A_drill_played_fast_says_its_speed_its_round_and_that_units_are_judged_on_its_clock()
    {
        // At 60x the demo's 9.5 minutes play in under ten seconds, and it starts over.
        // On the demo scenario's own site: a scenario is played only on its ground.
        var site = (await Command.Simulation.Demo.DemoScenario.LoadAsync(TestContext.Current.CancellationToken)).Site;
        var scene = await Scene.OpenAsync(host, "fast", id => Support.DemoSite.Incident(id, site));
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "start", scenario = "demo", speed = 60, loop = true })).EnsureSuccessStatusCode();
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var drill = dashboard.Page.Locator("#drill-state");

        await Expect(drill).ToContainTextAsync("· 60×");
        await Expect(drill).ToHaveAttributeAsync("title", "At 60×, units are judged on the drill's clock: a hold the script makes 4 minutes long lasts 0:04 here, and is flagged as 4 minutes");
        await Expect(drill).ToContainTextAsync("· 60× · round 2", new() { Timeout = 30_000 });
        await Expect(dashboard.Feed.Locator("li[data-type='drill-controlled']").First).ToContainTextAsync("STARTED OVER · ROUND 2");
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "stop" })).EnsureSuccessStatusCode();
        await Expect(drill).ToHaveAttributeAsync("data-state", "stopped");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_drill_played_from_outside_says_how_fast_it_plays_in_the_feed_live_and_after_a_reload()
    {
        var scene = await Scene.OpenAsync(host, "outside");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);

        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "clock", scenario = "night-shift", speed = 5 })).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "clock", scenario = "night-shift", speed = 0 })).EnsureSuccessStatusCode();

        string[] said = ["DRILLPAUSEDnight-shift: its clock stopped, no hold grows — token:bootstrap", "DRILLPLAYS AT 5×night-shift: units judged on its clock — token:bootstrap"];
        await Expect(dashboard.Feed.Locator("li[data-type='drill-controlled']")).ToContainTextAsync(said);
        await Expect(dashboard.Page.Locator("#drill-state")).ToHaveTextAsync("none on this host");
        await Expect(dashboard.Page.Locator("#drill-clock")).ToContainTextAsync("drill night-shift paused by token:bootstrap");
        Assert.Empty(dashboard.Errors);
        await using var later = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(later.Feed.Locator("li[data-type='drill-controlled']")).ToContainTextAsync(said);
        await Expect(later.Page.Locator("#drill-clock")).ToContainTextAsync("drill night-shift paused by token:bootstrap");

        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "clock", scenario = "night-shift", speed = 3 })).EnsureSuccessStatusCode();
        await Expect(later.Page.Locator("#drill-clock")).ToContainTextAsync("Judged on the drill's clock at 3× since");
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "clock", scenario = "night-shift", speed = 1 })).EnsureSuccessStatusCode();
        await Expect(later.Page.Locator("#drill-clock")).ToBeHiddenAsync();
        Assert.Empty(later.Errors);

        // The outside drill stopped without saying so, its clock paused: a controller gives the incident its own clock back.
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "clock", scenario = "night-shift", speed = 0 })).EnsureSuccessStatusCode();
        await later.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Back to real time" }).ClickAsync();
        await Expect(later.Page.Locator("#drill-clock")).ToBeHiddenAsync();
        await Expect(later.Feed.Locator("li[data-type='drill-controlled']").First).ToContainTextAsync("ON REAL TIMEnight-shift: units judged on the incident's clock — test-commander");
    }

    [Fact]
    public async Task A_drill_that_starts_over_clears_its_flags_takes_units_off_the_map_and_says_so_once()
    {
        var scene = await Scene.OpenAsync(host, "again");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await scene.HoldAsync("P1", 0, -60);
        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("data-flag", "alert");
        await dashboard.Marker("P1").ToBeDrawnAsync();

        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "start-over", scenario = "night-shift", round = 2 })).EnsureSuccessStatusCode();

        var over = dashboard.Feed.Locator("li[data-type='drill-controlled']");
        await Expect(over).ToHaveCountAsync(1);
        await Expect(over).ToContainTextAsync("DRILLSTARTED OVER · ROUND 2night-shift: every unit judged afresh — token:bootstrap");
        await Expect(dashboard.Feed.Locator("li[data-type='flag-cleared']").First).ToContainTextAsync("the drill started over (round 2)");
        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("data-flag", "none");
        await dashboard.Marker("P1").ToBeAbsentAsync();
        Assert.Empty(dashboard.Errors);

        // A page opened afterwards reads the start-over back from the recording in the same words.
        await using var later = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(later.Feed.Locator("li[data-type='drill-controlled']")).ToContainTextAsync("STARTED OVER · ROUND 2");
        await later.Marker("P1").ToBeAbsentAsync();
        Assert.Empty(later.Errors);
    }

    [Fact]
    public async Task An_undo_of_a_role_another_commander_has_changed_since_is_refused_in_words_and_leaves_theirs()
    {
        var scene = await Scene.OpenAsync(host, "role-race");
        await scene.EnrolAsync("R2", "Rescue 2", "contact");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, prepare: context => context.Clock.InstallAsync());
        await Expect(dashboard.Row("R2")).ToHaveAttributeAsync("data-role", "contact");
        // The undo is offered for 10 s of the page's clock, which stands still until it is pressed.
        await dashboard.StopClockAsync();
        await dashboard.Row("R2").GetByRole(Microsoft.Playwright.AriaRole.Combobox, new() { Name = "Role" }).SelectOptionAsync("Perimeter");
        var notice = dashboard.Page.Locator("#notice");
        await Expect(notice).ToContainTextAsync("Rescue 2 reassigned: Contact → Perimeter.");

        // Another commander puts the unit at staging; the undo, pressed after, would have made it contact over their head.
        (await host.Client.PutAsJsonAsync($"/api/incidents/{scene.IncidentId}/units/R2/role", new { role = "staging" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var undone = dashboard.Page.WaitForResponseAsync(r => r.Request.Method == "PUT" && r.Url.EndsWith("/units/R2/role", StringComparison.Ordinal));
        await notice.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Undo (back to Contact)" }).ClickAsync();

        Assert.Equal(409, (await undone).Status);
        await Expect(notice).ToHaveTextAsync(
            "Rescue 2 is staging now, not perimeter: someone else reassigned it meanwhile, so it was not made contact; choose again if it should be");
        await dashboard.Page.Clock.ResumeAsync();
        await Expect(dashboard.Row("R2")).ToHaveAttributeAsync("data-role", "staging");
        Assert.Equal("staging", (await scene.UnitAsync("R2")).GetProperty("role").GetString());
        Assert.DoesNotContain(dashboard.Errors, e => !e.Contains("the server responded with a status of 409", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Choosing_a_role_on_the_board_reassigns_the_unit()
    {
        var scene = await Scene.OpenAsync(host, "role");
        await scene.EnrolAsync("R1", "Rescue 1", "contact");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, prepare: context => context.Clock.InstallAsync());
        await Expect(dashboard.Row("R1")).ToHaveAttributeAsync("data-role", "contact");
        // The undo below is offered for 10 s of the page's clock, which stands still until it is pressed: the steps
        // between (a second page opened) took longer than that on a busy machine.
        await dashboard.StopClockAsync();

        await dashboard.Row("R1").GetByRole(Microsoft.Playwright.AriaRole.Combobox, new() { Name = "Role" }).SelectOptionAsync("Rescue task force");

        // The page says what it did, with the way back: a stray pick is undone in one press, and recorded as a change back.
        var notice = dashboard.Page.Locator("#notice");
        await Expect(notice).ToContainTextAsync("Rescue 1 reassigned: Contact → Rescue task force.");
        Assert.Equal("rescueTaskForce", (await scene.UnitAsync("R1")).GetProperty("role").GetString());
        await using (var later = await Dashboard.OpenAsync(host, scene.IncidentId))
        {
            await Expect(later.Row("R1")).ToHaveAttributeAsync("data-role", "rescueTaskForce");
            await Expect(later.Feed.Locator("li[data-type='unit-role-changed'][data-subject='R1']")).ToContainTextAsync("ROLERescue 1 → Rescue task forcetest-commander");
        }

        var undone = dashboard.Page.WaitForResponseAsync(r => r.Request.Method == "PUT" && r.Url.EndsWith("/units/R1/role", StringComparison.Ordinal));
        await notice.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Undo (back to Contact)" }).ClickAsync();
        Assert.True((await undone).Ok);
        await dashboard.Page.Clock.ResumeAsync();
        await Expect(dashboard.Row("R1")).ToHaveAttributeAsync("data-role", "contact");
        await Expect(dashboard.Feed.Locator("li[data-type='unit-role-changed'][data-subject='R1']")).ToHaveCountAsync(2);
        await Expect(dashboard.Feed.Locator("li[data-type='unit-role-changed'][data-subject='R1']").Last).ToContainTextAsync("ROLERescue 1 → Rescue task forcetest-commander");
        Assert.Equal("contact", (await scene.UnitAsync("R1")).GetProperty("role").GetString());
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_page_clock_stops_even_when_more_than_a_second_passes_before_it_is_stopped()
    {
        // On a busy machine more than a second went by between reading the page's time and stopping its clock there, and
        // the stop was refused as a time in the past: the undo tests that stop it failed now and then.
        var scene = await Scene.OpenAsync(host, "stop-clock");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, prepare: context => context.Clock.InstallAsync());

        await dashboard.StopClockAsync(meanwhile: () => dashboard.Page.Clock.FastForwardAsync(2000));

        // Stopped: the time stands while the test works, and moves by exactly what the test runs it for, no more.
        var stopped = await dashboard.Page.EvaluateAsync<long>("() => Date.now()");
        await scene.EnrolAsync("R1", "Rescue 1", "contact");
        Assert.Equal(stopped, await dashboard.Page.EvaluateAsync<long>("() => Date.now()"));
        await dashboard.Page.Clock.RunForAsync(500);
        Assert.Equal(stopped + 500, await dashboard.Page.EvaluateAsync<long>("() => Date.now()"));
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Closing_the_incident_asks_why_and_the_picker_then_says_it_is_closed()
    {
        var scene = await Scene.OpenAsync(host, "close");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        dashboard.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync("drill over");

        await dashboard.Page.Locator("#close-incident").ClickAsync();

        await Expect(dashboard.Page.Locator($"#incident-picker option[value='{scene.IncidentId}']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\(closed\)$"));
        var enrol = await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/units", new { unitId = "P1", callsign = "P1", role = "contact" });
        Assert.Equal(System.Net.HttpStatusCode.Conflict, enrol.StatusCode);
        await Expect(dashboard.Feed.Locator("li[data-type='incident-closed']")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("^\\d\\d:\\d\\d:\\d\\dINCIDENTCLOSEDdrill over — "));
        Assert.Empty(dashboard.Errors);

        // A page opened afterwards reads the close back from the recording.
        await using var later = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(later.Feed.Locator("li[data-type='incident-closed']")).ToContainTextAsync("INCIDENTCLOSEDdrill over");
        Assert.Empty(later.Errors);
    }
}
