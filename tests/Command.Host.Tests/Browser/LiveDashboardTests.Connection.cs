using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>What a page knows when it joins late: nothing raised before it looked is missed.</summary>
public sealed partial class LiveDashboardTests
{
    [Fact]
    public async Task A_page_opened_after_flags_were_raised_lists_them_newest_first()
    {
        var scene = await Scene.OpenAsync(host, "late");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.HoldAsync("P1", 0, -60);
        await scene.AcknowledgeAsync("P1", "hazard reported");

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);

        var items = dashboard.Feed.Locator("li");
        await Expect(items).ToHaveCountAsync(2);
        await Expect(items.Nth(0)).ToHaveAttributeAsync("data-type", "flag-acknowledged");
        await Expect(items.Nth(0)).ToContainTextAsync("ACKPatrol 1hazard reported — test-commander");
        await Expect(items.Nth(1)).ToHaveAttributeAsync("data-type", "flag-raised");
        await Expect(items.Nth(1)).ToContainTextAsync("⚠ ALERTPatrol 1holding ");
        Assert.Empty(dashboard.Errors);
    }
}
