using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// Over a slow link a busy incident's frames queue on their way: the page hears from the incident all the while, but
/// what it shows came seconds after its time. It says how far behind, not "Live". The incident's clock is the test's, and
/// so is the page's (its <c>Date</c> set, its timers running): a frame that comes "15 s late" is one whose time is 15 s
/// before the page's when it comes.
/// </summary>
public sealed class BehindDashboardTests(FakeClockDashboardHost host) : IClassFixture<FakeClockDashboardHost>
{
    [Fact]
    public async Task Frames_that_come_seconds_after_their_time_say_how_far_behind_the_picture_is_until_they_come_on_time()
    {
        var scene = await Scene.PatrolReportedAsync(host, "behind");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var connection = dashboard.Page.Locator("#connection");

        // From here the page's clock is the incident's, and a frame comes at its time.
        await FrameAsync(scene, dashboard, lateS: 0, north: -59);
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");

        // The next one comes 15 s after its time.
        await FrameAsync(scene, dashboard, lateS: 15, north: -58);

        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Behind 15 s");
        await Expect(connection).ToHaveAttributeAsync("data-state", "behind");

        // The link has caught up: the next one comes at its time.
        await FrameAsync(scene, dashboard, lateS: 0, north: -56);

        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await Expect(connection).ToHaveAttributeAsync("data-state", "live");
        Assert.Empty(dashboard.Errors);
    }

    // A second on, Patrol 1 reports from further north, and the page sees it <paramref name="lateS"/> after its time.
    private async Task FrameAsync(Scene scene, Dashboard dashboard, int lateS, double north)
    {
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await dashboard.Page.Clock.SetFixedTimeAsync(host.Clock.GetUtcNow().AddSeconds(lateS).UtcDateTime);
        await scene.ReportAsync("P1", host.Clock.GetUtcNow(), 0, north);
        await dashboard.Marker("P1").ToShowAsync("lat", Scene.Shown(0, north).Lat);
    }
}
