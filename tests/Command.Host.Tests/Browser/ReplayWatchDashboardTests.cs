using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Command.Host.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// A debrief: an evaluator opens and drives a replay, and a controller, who may watch replays but not drive them, watches
/// along on another page. The incidents' clock is the test's, so the session minutes long is recorded without waiting;
/// the replay plays on the real clock.
/// </summary>
public sealed class ReplayWatchDashboardTests(FakeClockDashboardHost host) : IClassFixture<FakeClockDashboardHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_controller_watches_the_replay_an_evaluator_drives_as_it_plays_and_pauses_with_no_controls_to_drive_it()
    {
        var scene = await HoldRecordedAsync();
        await using var evaluator = await DriveAsync(scene);

        await using var controller = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Ctl Park", roles: ["controller"]);
        var deletes = new List<string>();
        controller.Page.Request += (_, request) =>
        {
            if (request.Method == "DELETE")
            {
                lock (deletes)
                {
                    deletes.Add(request.Url);
                }
            }
        };
        await ReplayMode(controller).ClickAsync();
        var listed = controller.Page.Locator("#open-replays li", new() { HasText = $"Drill {scene.IncidentId}" });
        await Expect(listed).ToContainTextAsync("opened by Eval Diaz");
        await Expect(listed).ToContainTextAsync("▶ 1×");
        await listed.GetByRole(AriaRole.Button, new() { Name = $"Watch Drill {scene.IncidentId}, opened by Eval Diaz" }).ClickAsync();

        // It plays as the driver plays it: its clock moves, and the page says so in words.
        var state = controller.Page.Locator("#replay-state");
        var time = controller.Page.Locator("#replay-time");
        await Expect(state).ToHaveTextAsync("▶ PLAYING 1×");
        await Expect(listed.GetByRole(AriaRole.Button)).ToHaveTextAsync("Watching");
        // Its Watching button reads in both themes: black on the light page's plum was 3:1.
        var watching = new Dictionary<string, string> { ["watching"] = "#open-replays button[aria-pressed='true']" };
        Contrast.AssertAtLeast(Contrast.Words, "Watching on the dark page", await Contrast.OfWordsAsync(controller.Page, watching));
        await controller.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Expect(controller.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        Contrast.AssertAtLeast(Contrast.Words, "Watching on the light page", await Contrast.OfWordsAsync(controller.Page, watching));
        await controller.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Expect(controller.Page.Locator("#incident-name")).ToHaveTextAsync($"Drill {scene.IncidentId}");
        await Expect(time).ToHaveTextAsync(new Regex(@"^\d\d:\d\d:\d\d$"));
        var seen = await time.TextContentAsync();
        await Expect(time).Not.ToHaveTextAsync(seen!);

        // Nothing to drive it with: no play, pause, step, speed or open, and a slider and marks that only show.
        foreach (var control in new[] { "#replay-play", "#replay-pause", "#replay-step", "#replay-speed", "#replay-open", "#session-picker" })
        {
            await Expect(controller.Page.Locator(control)).ToBeHiddenAsync();
        }

        await Expect(controller.Page.Locator("#replay-seek")).ToBeDisabledAsync();
        await Expect(controller.Page.Locator("#timeline-marks .mark").First).ToBeDisabledAsync();
        await Expect(controller.Page.Locator("#timeline-marks .mark:enabled")).ToHaveCountAsync(0);

        // The driver seeks to where the hold became an alert: the watcher is taken there too.
        await Expect(controller.Row("P1")).Not.ToHaveAttributeAsync("data-flag", "alert");
        var escalation = evaluator.Page.Locator(".mark.flag-escalated[data-subject='P1']").First;
        var escalatedAt = await escalation.GetAttributeAsync("data-time");
        await escalation.ClickAsync();
        await Expect(controller.Row("P1")).ToHaveAttributeAsync("data-flag", "alert");
        // The picture that shows the alert shows the instant sought to, not the clock from before the seek.
        Assert.True(await controller.Page.EvaluateAsync<bool>("at => window.commandPage.picture.now() >= Date.parse(at)", escalatedAt), "the watcher's clock stayed before the seek");
        await Expect(controller.ActiveFlags.Locator("li[data-subject='P1']")).ToHaveClassAsync("flag-alert");
        await Expect(state).ToHaveTextAsync("▶ PLAYING 1×");
        // Its clock, slider time and listing say so too (the list is asked again every few seconds).
        await controller.Page.WaitForFunctionAsync("""
            at => {
              const shown = new Date(Date.parse(at)).toISOString().substring(11, 19);
              const listed = document.querySelector('#open-replays button[aria-pressed="true"]')?.closest('li').querySelector('.open-replay-at');
              return [document.querySelector('#clock'), document.querySelector('#replay-time'), listed].every(e => e?.textContent >= shown);
            }
            """, escalatedAt);
        await controller.ScreenshotAsync("replay-watch.png");

        // The driver pauses: the watcher's clock stops where the replay stands, as the driver's does.
        await evaluator.Page.Locator("#replay-pause").ClickAsync();
        await Expect(state).ToHaveTextAsync("❚❚ PAUSED");
        var replayId = await listed.GetAttributeAsync("data-replay");
        var status = await host.Client.GetFromJsonAsync<JsonElement>($"/api/replays/{replayId}", Ct);
        Assert.True(status.GetProperty("paused").GetBoolean());
        var position = status.GetProperty("position").GetString();
        const string StandsAt = "at => { const p = window.commandPage.picture; return p.rate === 0 && p.now() === Date.parse(at); }";
        await controller.Page.WaitForFunctionAsync(StandsAt, position);
        await evaluator.Page.WaitForFunctionAsync(StandsAt, position);
        await Expect(time).ToHaveTextAsync(DateTimeOffset.Parse(position!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));

        // Back to live, the controller leaves the replay open for its driver.
        await controller.Page.GetByRole(AriaRole.Button, new() { Name = "Live", Exact = true }).ClickAsync();
        await Expect(controller.Page.Locator("#replay-badge")).ToBeHiddenAsync();
        await Expect(controller.ConnectionText).ToHaveTextAsync("Live");
        var open = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/replays?incident={scene.IncidentId}", Ct);
        Assert.Equal([replayId], open!.Select(r => r.GetProperty("replayId").GetString()));
        await evaluator.Page.Locator("#replay-play").ClickAsync();
        await Expect(evaluator.Page.Locator("#replay-state")).ToHaveTextAsync("▶ PLAYING 1×");
        lock (deletes)
        {
            Assert.Empty(deletes);
        }

        Assert.Empty(controller.Errors);
        Assert.Empty(evaluator.Errors);
    }

    [Fact]
    public async Task A_watcher_is_told_when_the_driver_closes_the_replay_and_is_shown_nothing_in_its_place()
    {
        var scene = await HoldRecordedAsync();
        await using var evaluator = await DriveAsync(scene);
        await using var controller = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Ctl Park", roles: ["controller"]);
        var listed = await WatchAsync(controller, scene);
        await Expect(controller.Row("P1")).ToHaveCountAsync(1);
        var seek = controller.Page.Locator("#replay-seek");
        var time = controller.Page.Locator("#replay-time");
        var marks = controller.Page.Locator("#timeline-marks .mark");
        await Expect(marks.First).ToBeAttachedAsync();
        await Expect(time).ToHaveTextAsync(new Regex(@"^\d\d:\d\d:\d\d$"));
        await Expect(seek).Not.ToHaveValueAsync("0");

        // Back to live, the evaluator closes the replay it opened.
        await evaluator.Page.GetByRole(AriaRole.Button, new() { Name = "Live", Exact = true }).ClickAsync();

        await Expect(controller.Notice).ToHaveTextAsync($"The replay of Drill {scene.IncidentId} opened by Eval Diaz was closed.");
        await Expect(listed).ToHaveCountAsync(0);
        await Expect(controller.Page.Locator("#replay-state")).ToHaveTextAsync("—");
        await Expect(controller.Row("P1")).ToHaveCountAsync(0);
        // Its timeline goes with it: no time beside the empty clock, no slider where it stood, no marks of its events.
        await Expect(controller.Page.Locator("#clock")).ToHaveTextAsync("--:--:--");
        await Expect(time).ToHaveTextAsync("--:--:--");
        await Expect(seek).ToHaveValueAsync("0");
        await Expect(marks).ToHaveCountAsync(0);
        await Expect(controller.Page.Locator("#replay-badge")).ToBeVisibleAsync();
        Assert.Empty(controller.Errors);
        Assert.Empty(evaluator.Errors);
    }

    [Fact]
    public async Task A_watcher_coming_from_another_incidents_live_page_names_the_replays_zones_by_the_replays_site()
    {
        var scene = await HoldRecordedAsync(hotZone: "Main hall");
        var other = await Scene.OpenAsync(host, "elsewhere");
        await using var evaluator = await DriveAsync(scene);
        await ReplayDashboardTests.SeekAsync(evaluator, "End");
        await using var controller = await Dashboard.OpenAsync(host, other.IncidentId, actor: "Ctl Park", roles: ["controller"]);
        await WatchAsync(controller, scene);

        // The live page's site named the same zone id "Main building": the replay's says "Main hall".
        var line = controller.Feed.Locator("li[data-type='flag-raised'][data-subject='zone:hot']");
        await Expect(line.First).ToContainTextAsync("hot zone Main hall");
        await Expect(controller.Feed).Not.ToContainTextAsync("Main building");
        Assert.Empty(controller.Errors);
        Assert.Empty(evaluator.Errors);
    }

    [Fact]
    public async Task A_replay_whose_driver_closed_the_page_is_closed_and_its_watchers_are_told()
    {
        var scene = await HoldRecordedAsync();
        await using var evaluator = await DriveAsync(scene);
        await using var controller = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Ctl Park", roles: ["controller"]);
        var listed = await WatchAsync(controller, scene);
        await Expect(controller.Row("P1")).ToHaveCountAsync(1);

        // The evaluator closes the browser tab: nobody drives the replay any more, and nobody else may close it.
        await evaluator.Page.CloseAsync(new() { RunBeforeUnload = true });

        await Expect(controller.Notice).ToHaveTextAsync($"The replay of Drill {scene.IncidentId} opened by Eval Diaz was closed.");
        await Expect(listed).ToHaveCountAsync(0);
        Assert.Empty(await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/replays?incident={scene.IncidentId}", Ct) ?? []);
        Assert.Empty(controller.Errors);
    }

    [Fact]
    public async Task An_evaluator_watching_another_evaluators_replay_sees_who_drives_it_and_its_speed_and_is_offered_no_controls()
    {
        var scene = await HoldRecordedAsync();
        await using var driver = await DriveAsync(scene);
        await using var second = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Eval Moss", roles: ["evaluator"]);
        var listed = await WatchAsync(second, scene);
        var speed = second.Page.Locator("#replay-speed");
        var shown = second.Page.Locator("#replay-driver");
        await Expect(second.Page.Locator("#replay-state")).ToHaveTextAsync("▶ PLAYING 1×");
        await Expect(speed).ToHaveValueAsync("1");
        await Expect(driver.Page.Locator("#replay-driver")).ToHaveTextAsync(new Regex(@"^Driven by Eval Diaz \(you\) · last moved by Eval Diaz \(you\) at \d\d:\d\d:\d\d$"));
        await Expect(shown).ToHaveTextAsync(new Regex(@"^Driven by Eval Diaz · last moved by Eval Diaz at \d\d:\d\d:\d\d$"));

        // The replay is the driver's to move: the second evaluator watches it, and is told why there is nothing to press.
        const string Why = "Driven by Eval Diaz, who opened it: only they or an admin move it — open your own replay of this session to drive one";
        foreach (var control in new[] { "#replay-play", "#replay-pause", "#replay-step", "#replay-speed" })
        {
            await Expect(second.Page.Locator(control)).ToBeDisabledAsync();
            await Expect(second.Page.Locator(control)).ToHaveAttributeAsync("title", Why);
        }

        await Expect(second.Page.Locator("#replay-seek")).ToBeDisabledAsync();
        await Expect(second.Page.Locator("#timeline-marks .mark:enabled")).ToHaveCountAsync(0);

        // The driver plays it at 10×: the second evaluator's box says so, not the 1× it was left at.
        await driver.Page.Locator("#replay-speed").SelectOptionAsync("10");
        await Expect(second.Page.Locator("#replay-state")).ToHaveTextAsync("▶ PLAYING 10×");
        await Expect(speed).ToHaveValueAsync("10");

        // An admin takes it over through the API at a speed the box does not offer: shown as it is, and by whom.
        var replayId = await listed.GetAttributeAsync("data-replay");
        using var played = await host.Client.PostAsJsonAsync($"/api/replays/{replayId}/play", new { speed = 3 }, Ct);
        Assert.True(played.IsSuccessStatusCode, $"play at 3x answered {played.StatusCode}");
        await Expect(speed).ToHaveValueAsync("3");
        await Expect(speed.Locator("option:checked")).ToHaveTextAsync("3×");
        await Expect(shown).ToHaveTextAsync(new Regex(@"^Driven by Eval Diaz · last moved by token:bootstrap at \d\d:\d\d:\d\d$"));
        await second.ScreenshotAsync("replay-driven-by.png");
        Assert.Empty(second.Errors);
        Assert.Empty(driver.Errors);
    }

    [Fact]
    public async Task A_watcher_is_told_who_last_moved_the_replay_as_soon_as_it_is_paused_or_played_asking_once_a_move()
    {
        // A play or a pause comes to a watcher as a change of the replay's rate, and the page asked who made it only on a
        // change of speed: the line went on naming the last seek's author while someone else paused and played it.
        var scene = await HoldRecordedAsync();
        await using var driver = await DriveAsync(scene);
        await using var second = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Eval Moss", roles: ["evaluator"]);
        var listed = await WatchAsync(second, scene);
        var state = second.Page.Locator("#replay-state");
        var shown = second.Page.Locator("#replay-driver");
        await Expect(state).ToHaveTextAsync("▶ PLAYING 1×");
        await Expect(shown).ToHaveTextAsync(new Regex(@"^Driven by Eval Diaz · last moved by Eval Diaz at \d\d:\d\d:\d\d$"));
        var replayId = await listed.GetAttributeAsync("data-replay");
        var asked = 0;
        second.Page.Request += (_, request) =>
        {
            if (request.Method == "GET" && new Uri(request.Url).AbsolutePath == $"/api/replays/{replayId}")
            {
                Interlocked.Increment(ref asked);
            }
        };

        // An admin pauses it through the API: both pages say who, the driver's too.
        using (var paused = await host.Client.PostAsJsonAsync($"/api/replays/{replayId}/pause", new { }, Ct))
        {
            Assert.True(paused.IsSuccessStatusCode, $"pause answered {paused.StatusCode}");
        }

        await Expect(state).ToHaveTextAsync("❚❚ PAUSED");
        await Expect(shown).ToHaveTextAsync(new Regex(@"^Driven by Eval Diaz · last moved by token:bootstrap at \d\d:\d\d:\d\d$"));
        await Expect(driver.Page.Locator("#replay-driver")).ToHaveTextAsync(new Regex(@"^Driven by Eval Diaz \(you\) · last moved by token:bootstrap at \d\d:\d\d:\d\d$"));
        Assert.Equal(1, Volatile.Read(ref asked));

        // Its driver plays it on at the speed it had.
        await driver.Page.Locator("#replay-play").ClickAsync();

        await Expect(state).ToHaveTextAsync("▶ PLAYING 1×");
        await Expect(shown).ToHaveTextAsync(new Regex(@"^Driven by Eval Diaz · last moved by Eval Diaz at \d\d:\d\d:\d\d$"));
        Assert.Equal(2, Volatile.Read(ref asked));
        Assert.Empty(second.Errors);
        Assert.Empty(driver.Errors);
    }

    [Fact]
    public async Task An_evaluator_who_picks_anothers_replay_while_their_own_still_opens_stays_on_the_one_picked()
    {
        var scene = await HoldRecordedAsync();
        await using var driver = await DriveAsync(scene);
        await using var second = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Eval Moss", roles: ["evaluator"]);
        // Replay mode opens the session of the incident watched for one who may open replays: held until the pick is made.
        var picked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var opening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await second.Page.RouteAsync("**/api/replays", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            opening.TrySetResult();
            await picked.Task;
            await route.ContinueAsync();
        });

        await WatchAsync(second, scene);
        await Expect(second.Page.Locator("#replay-state")).ToHaveTextAsync("▶ PLAYING 1×");
        await opening.Task.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        var closed = second.Page.WaitForResponseAsync(r => r.Request.Method == "DELETE" && r.Url.Contains("/api/replays/", StringComparison.Ordinal));
        picked.SetResult();

        // The replay that opened late is closed again, and the page stays on the one picked, playing as its driver plays it.
        Assert.True((await closed).Ok, "closing the replay that opened late was refused");
        var open = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/replays?incident={scene.IncidentId}", Ct);
        Assert.Equal(["Eval Diaz"], open!.Select(r => r.GetProperty("openedBy").GetString()));
        await Expect(second.Page.Locator("#replay-driver")).ToHaveTextAsync(new Regex("^Driven by Eval Diaz "));
        await Expect(second.Page.Locator("#replay-state")).ToHaveTextAsync("▶ PLAYING 1×");
        await Expect(second.Page.Locator("#replay-play")).ToBeDisabledAsync();
        Assert.Empty(second.Errors);
    }

    [Fact]
    public async Task Someone_added_again_under_the_drivers_name_is_offered_no_controls_of_the_replay_the_first_opened()
    {
        const string Name = "Eval Lund";
        var scene = await HoldRecordedAsync();
        await using var first = await Dashboard.OpenAsync(host, scene.IncidentId, actor: Name, roles: ["evaluator"]);
        await ReplayMode(first).ClickAsync();
        await Expect(first.Page.Locator("#replay-seek")).ToBeEnabledAsync();
        await first.Page.Locator("#replay-play").ClickAsync();
        await Expect(first.Page.Locator("#replay-state")).ToHaveTextAsync("▶ PLAYING 1×");
        var replayId = Assert.Single((await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/replays?incident={scene.IncidentId}", Ct))!).GetProperty("replayId").GetString();

        // The evaluator is removed, and someone else is added under the same name: the name is theirs, the replay is not.
        using var removed = await host.Client.DeleteAsync($"/api/access/people/{Uri.EscapeDataString(Name)}", Ct);
        Assert.True(removed.IsSuccessStatusCode, $"removing {Name} answered {removed.StatusCode}");
        await using var again = await Dashboard.OpenAsync(host, scene.IncidentId, actor: Name, roles: ["evaluator"]);
        await ReplayMode(again).ClickAsync();
        var listed = again.Page.Locator($"#open-replays li[data-replay='{replayId}']");
        await Expect(listed).ToContainTextAsync($"opened by {Name}");
        await listed.GetByRole(AriaRole.Button, new() { Name = $"Watch Drill {scene.IncidentId}, opened by {Name}" }).ClickAsync();

        await Expect(again.Page.Locator("#replay-state")).ToHaveTextAsync("▶ PLAYING 1×");
        await Expect(again.Page.Locator("#replay-driver")).ToHaveTextAsync(new Regex($@"^Driven by {Name} · last moved by {Name} at \d\d:\d\d:\d\d$"));
        const string Why = $"Driven by {Name}, who opened it: only they or an admin move it — open your own replay of this session to drive one";
        foreach (var control in new[] { "#replay-play", "#replay-pause", "#replay-step", "#replay-speed" })
        {
            await Expect(again.Page.Locator(control)).ToBeDisabledAsync();
            await Expect(again.Page.Locator(control)).ToHaveAttributeAsync("title", Why);
        }

        await Expect(again.Page.Locator("#replay-seek")).ToBeDisabledAsync();
        await Expect(again.Page.Locator("#timeline-marks .mark:enabled")).ToHaveCountAsync(0);
        Assert.Empty(again.Errors);
    }

    // Watches, from its page in replay mode, the replay the evaluator opened; the replay's entry in the list.
    private static async Task<ILocator> WatchAsync(Dashboard watcher, Scene scene)
    {
        await ReplayMode(watcher).ClickAsync();
        var listed = watcher.Page.Locator("#open-replays li", new() { HasText = $"Drill {scene.IncidentId}" });
        await listed.GetByRole(AriaRole.Button, new() { Name = $"Watch Drill {scene.IncidentId}, opened by Eval Diaz" }).ClickAsync();
        return listed;
    }

    private static ILocator ReplayMode(Dashboard dashboard) => dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true });

    // An evaluator's page opens the replay of the session and plays it at 1×.
    private async Task<Dashboard> DriveAsync(Scene scene)
    {
        var evaluator = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Eval Diaz", roles: ["evaluator"]);
        await ReplayMode(evaluator).ClickAsync();
        await Expect(evaluator.Page.Locator("#replay-seek")).ToBeEnabledAsync();
        await evaluator.Page.Locator("#replay-play").ClickAsync();
        await Expect(evaluator.Page.Locator("#replay-state")).ToHaveTextAsync("▶ PLAYING 1×");
        return evaluator;
    }

    // Three minutes of a contact unit holding 60 m short of an active threat, a fix every 5 s on the incidents' clock.
    private async Task<Scene> HoldRecordedAsync(string hotZone = "Main building")
    {
        var scene = await Scene.OpenAsync(host, "debrief", id => TestSite.CreateIncident(id, hotZone: hotZone));
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        for (var i = 0; i < 36; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await scene.ReportAsync("P1", host.Clock.GetUtcNow(), (i % 3) - 1.0, -60);
        }

        return scene;
    }
}
