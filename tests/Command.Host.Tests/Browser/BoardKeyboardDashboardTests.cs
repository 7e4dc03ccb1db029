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

    [Fact]
    public async Task Flags_that_rise_above_the_unit_the_keyboard_is_on_are_counted_over_the_board_and_one_press_goes_to_them()
    {
        // The board kept the keyboard's unit on screen by scrolling after it, and the flags that rose above it went off
        // the top of a wall board where nobody saw them.
        var crowd = await Crowd.OpenAsync(host, Units);
        await using var dashboard = await Dashboard.OpenAsync(host, crowd.Scene.IncidentId, width: 1366, height: 768);
        var page = dashboard.Page;
        await Expect(page.Locator("#unit-count")).ToHaveTextAsync($"{Units}");
        var order = await crowd.UrgencyOrderAsync(host);
        var marker = page.Locator("#board-risen");
        var lastWhole = await page.Locator("#board-scroll").EvaluateAsync<int>(
            "e => Math.floor((e.clientHeight - document.getElementById('board-body').offsetTop) / document.querySelector('#board-body [role=\"row\"]').getBoundingClientRect().height) - 1");
        var unit = order[lastWhole];
        await dashboard.Row(order[lastWhole - 1]).FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(dashboard.Row(unit)).ToBeFocusedAsync();
        await Expect(marker).ToBeHiddenAsync();

        // Three quiet units far down the board are flagged nearest the threat: they go to its top.
        string[] rising = [order[^1], order[^2], order[^3]];
        await page.EvaluateAsync(
            """
            ids => {
              const { picture } = window.commandPage;
              picture.apply({
                incidentId: picture.groupId, sequence: picture.sequence + 1, clock: new Date(picture.now()).toISOString(),
                units: ids.map((id, i) => ({ ...picture.units.get(id), flag: 'alert', acknowledged: false, distanceM: i + 1, pathDistanceM: i + 1 })),
                threats: [], events: [],
              });
            }
            """, rising);

        await Expect(dashboard.Row(unit)).ToHaveAttributeAsync("aria-rowindex", $"{lastWhole + 3 + 2}");
        await Expect(dashboard.Row(unit)).ToBeFocusedAsync();
        await Expect(dashboard.Row(unit)).ToBeInViewportAsync(new() { Ratio = 1 });
        // Every row above the view now is a flag (the crowd's holds lead the board): those the board scrolled away.
        var above = await page.EvaluateAsync<int>("() => window.commandPage.board.firstInView()");
        Assert.True(above >= 3, $"the board kept the first {above} rows in view");
        await Expect(marker).ToHaveTextAsync($"↑ {above} flags above");
        Assert.True(await marker.EvaluateAsync<bool>(
            "m => { const b = m.getBoundingClientRect(), head = document.querySelector('.board-head').getBoundingClientRect(); return b.top >= head.top && b.bottom <= head.bottom + 1; }"),
            "the marker covers a unit's row");
        Assert.True(await marker.EvaluateAsync<bool>("m => m.clientHeight >= m.scrollHeight && m.clientWidth >= m.scrollWidth"), "the marker's words are cut off");
        Contrast.AssertAtLeast(Contrast.Words, "the marker", await Contrast.OfWordsAsync(page, new Dictionary<string, string> { ["marker"] = "#board-risen" }));

        await marker.ClickAsync();

        await Expect(dashboard.Row(rising[0])).ToBeFocusedAsync();
        await Expect(dashboard.Row(rising[0])).ToHaveAttributeAsync("aria-rowindex", "2");
        await Expect(dashboard.Row(rising[2])).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(marker).ToBeHiddenAsync();
        Assert.Empty(dashboard.Errors);
    }
}
