using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>The header's clock says the site's own time beside UTC, as the paperwork leads with it.</summary>
public sealed partial class LiveDashboardTests
{
    [Fact]
    public async Task The_clock_gives_the_sites_own_time_beside_utc_where_the_site_has_a_time_zone()
    {
        // Kolkata keeps UTC+05:30 all year: no season makes the expectation depend on the day.
        var abroad = await Scene.OpenAsync(host, "abroad", id => Support.TestSite.CreateIncident(id, timeZone: "Asia/Kolkata"));
        var home = await Scene.OpenAsync(host, "utc-site");
        await using var dashboard = await Dashboard.OpenAsync(host, abroad.IncidentId);
        var local = dashboard.Page.Locator("#clock-local");
        await Expect(local).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]{2}:[0-9]{2}:[0-9]{2} Kolkata$"));

        // Both read in one go: the same instant, rendered together.
        var read = await dashboard.Page.EvaluateAsync<string[]>("() => [document.querySelector('#clock').textContent, document.querySelector('#clock-local').textContent]");
        var utc = TimeSpan.Parse(read[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(utc.Add(new TimeSpan(5, 30, 0)).ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture), read[1][..5]);

        await dashboard.Page.Locator("#incident-picker").SelectOptionAsync(home.IncidentId);
        await Expect(local).ToBeHiddenAsync();
        Assert.Empty(dashboard.Errors);
    }
}
