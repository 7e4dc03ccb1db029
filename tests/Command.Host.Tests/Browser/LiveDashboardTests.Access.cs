using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>What the page offers depends on who signed in: an observer watches and finds no command to give.</summary>
public sealed partial class LiveDashboardTests
{
    [Fact]
    public async Task An_observer_sees_the_picture_and_its_flags_but_no_command_controls()
    {
        var scene = await Scene.OpenAsync(host, "observed");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.HoldAsync("P1", 0, -60);

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Observer Kim", roles: ["observer"]);

        await Expect(dashboard.Page.Locator("#signed-in-name")).ToHaveTextAsync("Observer Kim");
        await Expect(dashboard.ActiveFlags.Locator("li")).ToHaveCountAsync(1);
        await Expect(dashboard.Page.Locator("section.controls")).ToBeHiddenAsync();
        await Expect(dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Place threat" })).ToBeHiddenAsync();
        await Expect(dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Replay", Exact = true })).ToBeHiddenAsync();
        await Expect(dashboard.ActiveFlags.Locator("button.ack")).ToHaveCountAsync(0);
        await Expect(dashboard.Row("P1")).ToBeVisibleAsync();
        await Expect(dashboard.Page.Locator("#board-body select:enabled")).ToHaveCountAsync(0);
        // Its role reads as a word, with no box or arrow that would offer a choice.
        var role = dashboard.Row("P1").Locator(".role select");
        Assert.Equal(["none", "rgba(0, 0, 0, 0)"], await role.EvaluateAsync<string[]>("s => [getComputedStyle(s).appearance, getComputedStyle(s).borderTopColor]"));
        // Nothing the page asked for was refused: it asks only for what an observer may see.
        Assert.Empty(dashboard.Errors);
    }
}
