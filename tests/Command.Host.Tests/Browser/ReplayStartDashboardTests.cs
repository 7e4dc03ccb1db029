using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// Going back to a replay's start: sought there, or by playing at the end. The incidents' clock is the test's, so a
/// session seconds long is recorded without waiting; the replay plays on the real clock.
/// </summary>
public sealed class ReplayStartDashboardTests(FakeClockDashboardHost host) : IClassFixture<FakeClockDashboardHost>
{
    [Fact]
    public async Task Play_at_the_end_of_a_replay_plays_it_again_from_the_start()
    {
        // A session of an incident that is closed: one still going would play on at its end as it grows.
        await using var dashboard = await OpenReplayAsync("again", closed: true);
        await dashboard.Page.Locator("#replay-speed").SelectOptionAsync("0.25");
        await SeekToTheEndAsync(dashboard);
        var seek = dashboard.Page.Locator("#replay-seek");

        await dashboard.Page.Locator("#replay-play").ClickAsync();

        // Back at the start and playing at a quarter speed: under a second in (the slider counts milliseconds), not at the end.
        await Expect(seek).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^[0-9]{1,3}$"));
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task In_replay_the_bar_names_the_session_replayed_not_the_incident_watched_live()
    {
        var live = await PatrolReportedAsync("livepick");
        var other = await PatrolReportedAsync("replayed");
        await using var dashboard = await Dashboard.OpenAsync(host, live.IncidentId);
        await AskForReplayAsync(dashboard, live.IncidentId);
        var picker = dashboard.Page.Locator("#incident-picker");
        var name = dashboard.Page.Locator("#incident-name");

        await dashboard.Page.Locator("#session-picker").SelectOptionAsync(other.IncidentId);
        await dashboard.Page.Locator("#replay-open").ClickAsync();

        await Expect(name).ToHaveTextAsync($"Drill {other.IncidentId}");
        // Cut to fit the bar where it is long, it is whole on hover.
        await Expect(name).ToHaveAttributeAsync("title", $"Drill {other.IncidentId}");
        await Expect(picker).ToBeHiddenAsync();
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Live", Exact = true }).ClickAsync();
        await Expect(picker).ToBeVisibleAsync();
        await Expect(picker).ToHaveValueAsync(live.IncidentId);
        await Expect(name).ToHaveTextAsync($"Drill {live.IncidentId}");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Seeking_back_to_the_first_instant_shows_the_empty_picture_of_then_and_plays_on_from_it()
    {
        // Before the unit was enrolled there is nothing to show; that is what the view must show, not the end it was at.
        await using var dashboard = await OpenReplayAsync("home");
        await SeekToTheEndAsync(dashboard);
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(1);

        await SeekAsync(dashboard, "Home");

        await Expect(dashboard.Row("P1")).ToHaveCountAsync(0);
        await Expect(dashboard.Page.Locator("#replay-seek")).ToHaveValueAsync("0");
        await dashboard.Page.Locator("#replay-play").ClickAsync();
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(1);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_replay_played_to_the_end_of_an_incident_still_going_plays_on_into_what_happened_since()
    {
        var scene = await PatrolReportedAsync("follow");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await AskForReplayAsync(dashboard, scene.IncidentId);
        await dashboard.Page.Locator("#replay-speed").SelectOptionAsync("10");
        await dashboard.Page.Locator("#replay-play").ClickAsync();
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(1);

        // The incident goes on after the replay reached where its recording was: a second unit reports 20 s later.
        host.Clock.Advance(TimeSpan.FromSeconds(20));
        await scene.EnrolAsync("P2", "Patrol 2", "contact");
        await scene.ReportAsync("P2", host.Clock.GetUtcNow(), 0, -80);

        await Expect(dashboard.Row("P2")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await dashboard.Page.WaitForFunctionAsync("() => { const p = window.commandPage.picture; return p.now() >= p.limitMs - 1000; }", null, new() { Timeout = 30_000 });
        Assert.InRange(await dashboard.Page.EvalOnSelectorAsync<double>("#replay-seek", "s => Number(s.max)"), 20_900, 21_100);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_paused_replay_of_an_incident_still_going_learns_what_was_recorded_since_and_seeks_there()
    {
        // The slider grew only while the replay played at its end: a team that paused to review a drill still running
        // could not move it to what was recorded after they paused.
        var scene = await PatrolReportedAsync("paused");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await AskForReplayAsync(dashboard, scene.IncidentId);
        host.Clock.Advance(TimeSpan.FromSeconds(20));
        await scene.EnrolAsync("P2", "Patrol 2", "contact");
        await scene.ReportAsync("P2", host.Clock.GetUtcNow(), 0, -80);

        await dashboard.Page.WaitForFunctionAsync("() => Number(document.querySelector('#replay-seek').max) >= 20000", null, new() { Timeout = 30_000 });
        await SeekToTheEndAsync(dashboard);

        await Expect(dashboard.Row("P2")).ToHaveCountAsync(1);
        await Expect(dashboard.Page.Locator("#replay-play")).ToBeEnabledAsync();
        Assert.Equal(0, await dashboard.Page.EvaluateAsync<double>("() => window.commandPage.picture.rate"));
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Seeking_a_replay_moves_every_unit_to_that_instant_not_only_those_whose_number_changed()
    {
        // The same three units enrolled at both instants: the map once placed units again only when the number it
        // drew changed, and left the others where the instant sought from had them, beside a board that showed the
        // right place.
        var opened = host.Clock.GetUtcNow();
        var scene = await PatrolReportedAsync("moves");
        await scene.EnrolAsync("P2", "Patrol 2", "perimeter");
        await scene.EnrolAsync("P3", "Patrol 3", "perimeter");
        await scene.ReportAsync("P2", host.Clock.GetUtcNow(), 40, -40);
        host.Clock.Advance(TimeSpan.FromSeconds(20));
        await scene.ReportAsync("P2", host.Clock.GetUtcNow(), 40, -10);
        await scene.ReportAsync("P3", host.Clock.GetUtcNow(), -40, -10);
        var (before, after) = (Scene.Shown(40, -40), Scene.Shown(40, -10));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await AskForReplayAsync(dashboard, scene.IncidentId);
        await SeekToTheEndAsync(dashboard);
        await dashboard.Marker("P2").ToShowAsync("lat", after.Lat);
        await dashboard.Marker("P3").ToBeDrawnAsync();

        // Back to 11 s in, by the slider: P2 at its first place, P3 not yet reported. (A flag's mark clicked would
        // centre the map on its unit, and every unit would be placed again for that.)
        await SeekToAsync(dashboard, opened, TimeSpan.FromSeconds(11));

        // As the instant's frame is shown, not once some later frame happens to name the units again.
        Assert.Equal(before.Lat, (await dashboard.Marker("P2").DrawnAsync()).GetProperty("lat").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await dashboard.Marker("P3").DrawnAsync()).ValueKind);
        await Expect(dashboard.Row("P3")).ToContainTextAsync("no fix");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_replay_controls_wait_for_the_replay_to_open()
    {
        // The host is slow to open the replay: until it has, and the page watches it, its controls are not there to
        // press. Pressed then, Play had no replay to play, and the replay opened paused.
        var scene = await PatrolReportedAsync("slow");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var held = new TaskCompletionSource();
        var asked = new TaskCompletionSource();
        await dashboard.Page.RouteAsync("**/api/replays", async route =>
        {
            asked.TrySetResult();
            await held.Task;
            await route.ContinueAsync();
        });

        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        var play = dashboard.Page.Locator("#replay-play");
        await Expect(play).ToBeDisabledAsync();
        await Expect(dashboard.Page.Locator("#replay-step")).ToBeDisabledAsync();
        held.SetResult();
        await Expect(play).ToBeEnabledAsync();
        await play.ClickAsync();
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(1);
        Assert.Empty(dashboard.Errors);
    }

    /// <summary>
    /// A session four seconds long, recorded as reports arrive: a unit enrolled a second after the incident opened, then
    /// two of its reports three seconds apart on the incidents' clock; opened in the page's replay.
    /// </summary>
    private async Task<Dashboard> OpenReplayAsync(string prefix, bool closed = false)
    {
        var scene = await PatrolReportedAsync(prefix);
        host.Clock.Advance(TimeSpan.FromSeconds(3));
        await scene.ReportAsync("P1", host.Clock.GetUtcNow(), 0, -55);
        if (closed)
        {
            (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/close", new { reason = "drill over" })).EnsureSuccessStatusCode();
        }

        var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await AskForReplayAsync(dashboard, scene.IncidentId);
        return dashboard;
    }

    private Task<Scene> PatrolReportedAsync(string prefix) => Scene.PatrolReportedAsync(host, prefix);

    // Asks the page for the replay of the incident it shows live, and waits for it: a replay opens at its first
    // instant, and its controls and slider work once this page watches it. Until its frame comes the view holds the
    // live picture, at the end of the same session (P1 shown, awaited before the replay is asked for): waiting for the
    // end would pass at once, and a seek then raced the replay's own first frame; a press before the page watched it
    // moved no replay.
    private static async Task AskForReplayAsync(Dashboard dashboard, string incidentId)
    {
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(1);
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator("#session-picker")).ToHaveValueAsync(incidentId);
        await Expect(dashboard.Page.Locator("#replay-seek")).ToBeEnabledAsync();
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(0);
    }

    private static Task SeekAsync(Dashboard dashboard, string key) => ReplayDashboardTests.SeekAsync(dashboard, key);

    // The slider let go at an instant into the session (opened when its incident did), as a hand would; the replay is
    // there once its frame came.
    private static async Task SeekToAsync(Dashboard dashboard, DateTimeOffset opened, TimeSpan into)
    {
        var seek = dashboard.Page.Locator("#replay-seek");
        await Expect(seek).ToBeEnabledAsync();
        await seek.EvaluateAsync(
            "(input, ms) => { input.value = String(ms); input.dispatchEvent(new Event('input')); input.dispatchEvent(new Event('change')); }",
            into.TotalMilliseconds);
        // (The slider keeps to its steps: the instant is where it settled.) The frame is taken in at once and shown at the
        // next animation frame: it is shown once nothing the picture took in waits to be shown.
        await dashboard.Page.WaitForFunctionAsync(
            "opened => window.commandPage?.picture?.clockMs === opened + Number(document.querySelector('#replay-seek').value) && window.commandPage.picture.pending == null",
            opened.ToUnixTimeMilliseconds());
    }

    // The slider moves at the key press; the replay only once the host answered the seek and its frame came, and the
    // slider follows it. Until then a next control could reach the host first, or a key find the slider where it was.
    private static async Task SeekToTheEndAsync(Dashboard dashboard)
    {
        await SeekAsync(dashboard, "End");
        await dashboard.Page.WaitForFunctionAsync("""
            () => {
              const p = window.commandPage?.picture;
              const seek = document.querySelector('#replay-seek');
              return p != null && p.limitMs != null && p.clockMs >= p.limitMs && Number(seek.value) > 0;
            }
            """);
    }
}
