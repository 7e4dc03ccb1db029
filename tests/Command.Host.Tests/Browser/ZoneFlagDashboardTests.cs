using Command.Host.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>Zone flags are not carried by a unit: a page learns of them from flag events, recorded or live.</summary>
public sealed class ZoneFlagDashboardTests(FakeClockDashboardHost host) : IClassFixture<FakeClockDashboardHost>
{
    [Fact]
    public async Task A_page_opened_after_a_zone_flag_was_raised_shows_it_among_the_flags_up()
    {
        var scene = await Scene.OpenAsync(host, "zone");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        // Two minutes of incident time with the only contact unit outside the hot zone, closing slowly.
        for (var i = 0; i < 24; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await scene.ReportAsync("P1", host.Clock.GetUtcNow(), 0, -200 + (i * 4));
        }

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);

        var zone = dashboard.ActiveFlags.Locator("li[data-subject='zone:hot']");
        await Expect(zone).ToHaveClassAsync("flag-watch");
        await Expect(zone.Locator(".who")).ToHaveTextAsync("HOT zone");
        await Expect(dashboard.Feed.Locator("li[data-type='flag-raised'][data-subject='zone:hot']")).ToHaveCountAsync(1);
        Assert.Empty(dashboard.Errors);
    }
}
