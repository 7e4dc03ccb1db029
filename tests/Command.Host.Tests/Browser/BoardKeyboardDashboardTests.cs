using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// A dispatcher going down a live drill's board from the keyboard keeps their place: the unit they are on stays the one
/// focused, and on screen, however it re-ranks and whatever whole picture comes in. The incidents' clock stands still,
/// so only what each test does changes the picture.
/// </summary>
public sealed class BoardKeyboardDashboardTests(FakeClockDashboardHost host) : IClassFixture<FakeClockDashboardHost>
{
    private const int Units = 500;

    [Fact]
    public async Task The_unit_the_keyboard_is_on_stays_focused_and_on_screen_when_its_flag_is_acknowledged_and_it_drops_down_the_board()
    {
        // Acknowledged elsewhere, the unit went down below the board's fold with the keyboard on it: the dispatcher was
        // left on a row nobody could see.
        var crowd = await Crowd.OpenAsync(host, Units);
        await using var dashboard = await Dashboard.OpenAsync(host, crowd.Scene.IncidentId, width: 1366, height: 768);
        await Expect(dashboard.Page.Locator("#unit-count")).ToHaveTextAsync($"{Units}");
        var before = await crowd.UrgencyOrderAsync(host);
        var unit = before[0];
        await dashboard.Row(before[1]).FocusAsync();
        await dashboard.Page.Keyboard.PressAsync("ArrowUp");
        await Expect(dashboard.Row(unit)).ToBeFocusedAsync();

        await crowd.Scene.AcknowledgeAsync(unit, "reassigned");

        var after = await crowd.UrgencyOrderAsync(host);
        var index = Array.IndexOf(after, unit);
        await Expect(dashboard.Row(unit)).ToHaveAttributeAsync("aria-rowindex", $"{index + 2}");
        var rowsOnScreen = await dashboard.Page.Locator("#board-scroll").EvaluateAsync<double>(
            "e => e.clientHeight / document.querySelector('#board-body [role=\"row\"]').getBoundingClientRect().height");
        Assert.True(index > rowsOnScreen, $"the acknowledged unit went to row {index}, on the first screen of {rowsOnScreen} rows");
        await Expect(dashboard.Row(unit)).ToBeFocusedAsync();
        await Expect(dashboard.Row(unit)).ToBeInViewportAsync(new() { Ratio = 1 });

        await dashboard.Page.Keyboard.PressAsync("ArrowDown");

        await Expect(dashboard.Row(after[index + 1])).ToBeFocusedAsync();
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_keyboard_stays_on_its_unit_when_a_whole_picture_comes_in()
    {
        // A whole picture (the connection back after a blip, or the host catching up after its incident moved) took
        // every row away and the keyboard with them, to the top of the page.
        var crowd = await Crowd.OpenAsync(host, Units);
        await using var dashboard = await Dashboard.OpenAsync(host, crowd.Scene.IncidentId, width: 1366, height: 768);
        await Expect(dashboard.Page.Locator("#unit-count")).ToHaveTextAsync($"{Units}");
        var order = await crowd.UrgencyOrderAsync(host);
        await dashboard.Row(order[2]).FocusAsync();
        await dashboard.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(dashboard.Row(order[3])).ToBeFocusedAsync();

        await dashboard.Page.EvaluateAsync("""
            () => {
              const { picture } = window.commandPage;
              picture.apply({
                incidentId: picture.groupId, sequence: picture.sequence, clock: new Date(picture.now()).toISOString(), full: true,
                units: [...picture.units.values()], threats: [...picture.threats.values()], events: [],
              });
            }
            """);
        await dashboard.Page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");

        await Expect(dashboard.Row(order[3])).ToBeFocusedAsync();
        await Expect(dashboard.Row(order[3])).ToBeInViewportAsync(new() { Ratio = 1 });
        await dashboard.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(dashboard.Row(order[4])).ToBeFocusedAsync();
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_keyboard_goes_to_the_unit_in_its_place_when_the_unit_it_is_on_is_released_elsewhere()
    {
        // Released from another screen, the unit's row went, and the keyboard with it to the top of the page.
        var crowd = await Crowd.OpenAsync(host, Units);
        await using var dashboard = await Dashboard.OpenAsync(host, crowd.Scene.IncidentId, width: 1366, height: 768);
        await Expect(dashboard.Page.Locator("#unit-count")).ToHaveTextAsync($"{Units}");
        var order = await crowd.UrgencyOrderAsync(host);
        await dashboard.Row(order[1]).FocusAsync();
        await dashboard.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(dashboard.Row(order[2])).ToBeFocusedAsync();

        var response = await host.PostJsonAsync($"/api/incidents/{crowd.Scene.IncidentId}/units/{order[2]}/release", new { reason = "left the scene" });
        response.EnsureSuccessStatusCode();

        await Expect(dashboard.Page.Locator("#unit-count")).ToHaveTextAsync($"{Units - 1}");
        await Expect(dashboard.Row(order[3])).ToBeFocusedAsync();
        await dashboard.Page.Keyboard.PressAsync("ArrowUp");
        await Expect(dashboard.Row(order[1])).ToBeFocusedAsync();
        Assert.Empty(dashboard.Errors);
    }
}
