using System.Text.Json;
using Command.Host.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// A county-size drill stays readable: a board that holds only the rows on screen yet keeps every unit in urgency
/// order, labels that never overprint one another, flagged units' placed first, and a search box that finds a unit.
/// The incidents' clock stands still, so the picture does not change under the assertions.
/// </summary>
public sealed class CrowdDashboardTests(FakeClockDashboardHost host) : IClassFixture<FakeClockDashboardHost>
{
    private const int Units = 500;

    [Fact]
    public async Task The_board_of_500_units_holds_only_the_rows_on_screen_in_urgency_order()
    {
        var crowd = await Crowd.OpenAsync(host, Units);
        await using var dashboard = await Dashboard.OpenAsync(host, crowd.Scene.IncidentId);
        await Expect(dashboard.Page.Locator("#unit-count")).ToHaveTextAsync($"{Units}");
        var expected = await crowd.UrgencyOrderAsync(host);
        Assert.Equal("alert", (await crowd.Scene.UnitAsync(expected[0])).GetProperty("flag").GetString());

        var top = await dashboard.BoardOrderAsync();
        Assert.InRange(top.Length, 1, 40);
        Assert.Equal(expected[..top.Length], top);
        await Expect(dashboard.Row(expected[0])).ToHaveAttributeAsync("aria-rowindex", "2");

        await dashboard.Page.Locator("#board-scroll").EvaluateAsync("e => e.scrollTop = e.scrollHeight");

        await Expect(dashboard.Row(expected[^1])).ToHaveAttributeAsync("aria-rowindex", $"{Units + 1}");
        var bottom = await dashboard.BoardOrderAsync();
        Assert.InRange(bottom.Length, 1, 40);
        Assert.Equal(expected[^bottom.Length..], bottom);
        await Expect(dashboard.Page.Locator("#board")).ToHaveAttributeAsync("aria-rowcount", $"{Units + 1}");

        // Scrolled back up half a screen, the rows handed on to the units coming into view stand before the others in the
        // document too (they were added at its end), so Tab and a screen reader go down the board as it is shown.
        await dashboard.Page.Locator("#board-scroll").EvaluateAsync("e => { e.scrollTop -= e.clientHeight / 2; e.dispatchEvent(new Event('scroll')); }");

        var upper = await dashboard.BoardOrderAsync();
        Assert.NotEqual(bottom[0], upper[0]);
        Assert.Equal(upper, await dashboard.BoardDocumentOrderAsync());
        Assert.Empty(dashboard.Errors);
    }

    // How many rows the board shows whole, and whether each of them keeps to one height with its reason on one line or two.
    private const string RowsOnScreen =
        """
        () => {
          const view = document.getElementById('board-scroll').getBoundingClientRect();
          const rows = [...document.querySelectorAll('#board-body [role="row"]')].filter(r => {
            const b = r.getBoundingClientRect();
            return b.top >= view.top - 1 && b.bottom <= view.bottom + 1;
          });
          const lines = rows.map(r => r.querySelector('.reason')).filter(Boolean)
            .map(e => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)));
          return { rows: rows.length, heights: [...new Set(rows.map(r => Math.round(r.getBoundingClientRect().height)))].length, lines: Math.max(0, ...lines) };
        }
        """;

    [Fact]
    public async Task A_dense_board_shows_twice_the_units_on_a_wall_display_one_line_each_and_keeps_to_it_after_a_reload()
    {
        // At 1920x1080 a 500-unit drill showed six rows, all of them flagged units the flag list names anyway.
        var crowd = await Crowd.OpenAsync(host, Units);
        await using var dashboard = await Dashboard.OpenAsync(host, crowd.Scene.IncidentId, width: 1920, height: 1080);
        var expected = await crowd.UrgencyOrderAsync(host);
        var density = dashboard.Page.Locator("#board-density");
        await Expect(density).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(dashboard.Row(expected[0])).ToBeVisibleAsync();
        var roomy = await dashboard.Page.EvaluateAsync<JsonElement>(RowsOnScreen);
        Assert.InRange(roomy.GetProperty("rows").GetInt32(), 3, 10);

        await density.ClickAsync();

        await Expect(density).ToHaveAttributeAsync("aria-pressed", "true");
        var dense = await dashboard.Page.EvaluateAsync<JsonElement>(RowsOnScreen);
        Assert.True(dense.GetProperty("rows").GetInt32() >= 2 * roomy.GetProperty("rows").GetInt32(),
            $"{dense.GetProperty("rows")} rows dense against {roomy.GetProperty("rows")} roomy");
        Assert.Equal((1, 1), (dense.GetProperty("heights").GetInt32(), dense.GetProperty("lines").GetInt32()));
        var top = await dashboard.BoardOrderAsync();
        Assert.Equal(expected[..top.Length], top);
        // On a wall display a callsign is whole, dense or not: "Pat… 85" does not tell a dispatcher which unit it is.
        var cut = await dashboard.Page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('#board .board-body .callsign .lead')].filter(e => e.scrollWidth > e.clientWidth).map(e => e.textContent)");
        Assert.Empty(cut);
        // And it shows at least as much of a flag's reason as a laptop does: type grows with the window up to 1920 px, so
        // the whole callsign took the reason's room, and a wall read "holding 90 s…" where a laptop read more.
        const string ReasonRem = "r => r.clientWidth / parseFloat(getComputedStyle(document.documentElement).fontSize)";
        var reason = dashboard.Row(expected[0]).Locator(".status .reason");
        var wall = await reason.EvaluateAsync<double>(ReasonRem);
        await dashboard.Page.SetViewportSizeAsync(1366, 768);
        var laptop = await reason.EvaluateAsync<double>(ReasonRem);
        Assert.True(wall >= laptop, $"the reason is {wall:0.0} rem wide at 1920 px against {laptop:0.0} rem at 1366 px");
        await dashboard.ScreenshotAsync("live-500-dense.png", 1920, 1080);

        await dashboard.Page.ReloadAsync();
        await Expect(dashboard.Page.Locator("#unit-count")).ToHaveTextAsync($"{Units}");
        await Expect(dashboard.Page.Locator("#board-density")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(dashboard.Page.Locator("#board")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdense\b"));
        await Expect(dashboard.Row(expected[0])).ToBeVisibleAsync();
        await dashboard.Page.Locator("#board-density").ClickAsync();
        var back = await dashboard.Page.EvaluateAsync<JsonElement>(RowsOnScreen);
        Assert.Equal(roomy.GetProperty("rows").GetInt32(), back.GetProperty("rows").GetInt32());
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_dense_boards_rows_are_reached_by_the_keyboard_and_enter_centres_the_map_on_the_unit()
    {
        // Dense, a row had nothing the keyboard could reach (its role picker hidden), and no row took the focus itself:
        // a dispatcher without a mouse could only centre the map on a unit by typing its name into Find.
        var crowd = await Crowd.OpenAsync(host, Units);
        await using var dashboard = await Dashboard.OpenAsync(host, crowd.Scene.IncidentId, width: 1366, height: 768);
        var expected = await crowd.UrgencyOrderAsync(host);
        var density = dashboard.Page.Locator("#board-density");
        await density.ClickAsync();
        await Expect(density).ToHaveAttributeAsync("aria-pressed", "true");
        var keys = dashboard.Page.Keyboard;

        await keys.PressAsync("Tab");

        var first = dashboard.Row(expected[0]);
        await Expect(first).ToBeFocusedAsync();
        // How to go through the board is said once, by the board: a screen reader read it after every unit. Each row says its own.
        await Expect(dashboard.Page.GetByRole(AriaRole.Table, new() { Name = "Units, most urgent first" })).ToHaveAccessibleDescriptionAsync(
            "On a row, Enter centres the map on its unit; up and down arrows, Page Up, Page Down, Home and End go through the board.");
        await Expect(first).ToHaveAccessibleDescriptionAsync("");
        await Expect(first).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex($"^{Crowd.Callsign(int.Parse(expected[0][1..], System.Globalization.CultureInfo.InvariantCulture))} .* ALERT "));
        await keys.PressAsync("ArrowDown");
        await Expect(dashboard.Row(expected[1])).ToBeFocusedAsync();
        await Expect(dashboard.Row(expected[1])).ToHaveAccessibleDescriptionAsync("");
        await keys.PressAsync("End");

        var last = dashboard.Row(expected[^1]);
        await Expect(last).ToBeFocusedAsync();
        await Expect(last).ToBeInViewportAsync();
        await keys.PressAsync("Enter");

        await Expect(last).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bfocused\b"));
        await dashboard.Marker(expected[^1]).ToShowAsync("label", $"■{Crowd.Callsign(int.Parse(expected[^1][1..], System.Globalization.CultureInfo.InvariantCulture))}");
        var centre = await dashboard.Page.Locator("#map").EvaluateAsync<double[]>("e => [e.clientWidth / 2, e.clientHeight / 2]");
        var drawn = await dashboard.Marker(expected[^1]).DrawnAsync();
        Assert.Equal(centre[0], drawn.GetProperty("x").GetDouble(), 1.0);
        Assert.Equal(centre[1], drawn.GetProperty("y").GetDouble(), 1.0);

        // One row of the board is in the Tab order: the next Tab leaves the board, however many units it lists.
        await keys.PressAsync("Tab");
        Assert.False(await dashboard.Page.EvaluateAsync<bool>("() => !!document.activeElement.closest('#board-body')"));
        await keys.PressAsync("Shift+Tab");
        await Expect(last).ToBeFocusedAsync();
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Flagged_units_labels_go_first_and_no_label_overprints_another_where_500_units_crowd()
    {
        var crowd = await Crowd.OpenAsync(host, Units);
        await using var dashboard = await Dashboard.OpenAsync(host, crowd.Scene.IncidentId, width: 1920, height: 1080);
        var flagged = Enumerable.Range(0, Units).Where(Crowd.Holds).Select(Crowd.UnitId).ToList();
        foreach (var unitId in flagged)
        {
            await dashboard.Marker(unitId).ToShowAsync("flag", "alert");
        }

        var labelled = await dashboard.Page.EvaluateAsync<string[]>("() => window.commandPage.mapView.units.labelled()");
        var boxes = await dashboard.Page.EvaluateAsync<double[][]>(
            "ids => ids.map(id => window.commandPage.mapView.units.drawn(id).labelBox)", labelled);
        var flaggedLabelled = flagged.Intersect(labelled).ToList();

        // Where two flagged units stand so close that neither side of either has room, one label gives way rather than
        // print over the other; the board and the flag list name it, and its halo marks it.
        Assert.True(flaggedLabelled.Count >= flagged.Count * 3 / 4, $"{flaggedLabelled.Count} of {flagged.Count} flagged units carry a label");
        foreach (var unitId in flaggedLabelled)
        {
            await dashboard.Marker(unitId).ToShowAsync("tag", "⚠ ALERT");
        }

        Assert.True(labelled.Length < Units / 2, $"{labelled.Length} of {Units} units carry a label");
        Assert.True(labelled.Length > flagged.Count, "no unflagged unit found room for its label");
        for (var a = 0; a < boxes.Length; a++)
        {
            for (var b = a + 1; b < boxes.Length; b++)
            {
                Assert.False(Overlap(boxes[a], boxes[b]), $"the labels of {labelled[a]} and {labelled[b]} overlap");
            }
        }

        await dashboard.ScreenshotAsync("live-500.png");
        Assert.Empty(dashboard.Errors);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Flagged_units_labels_stay_whole_on_the_map_where_500_units_crowd_its_edge(bool dense)
    {
        // Where flagged units stood by the map's right edge, their labels ran off it: the wall board read "Pa…" and
        // "⚠ A…" where a dispatcher wanted a callsign and its flag.
        var crowd = await Crowd.OpenAsync(host, Units);
        await using var dashboard = await Dashboard.OpenAsync(host, crowd.Scene.IncidentId, width: 1920, height: 1080);
        var flagged = Enumerable.Range(0, Units).Where(Crowd.Holds).Select(Crowd.UnitId).ToList();
        foreach (var unitId in flagged)
        {
            await dashboard.Marker(unitId).ToShowAsync("flag", "alert");
        }

        if (dense)
        {
            await dashboard.Page.Locator("#board-density").ClickAsync();
            await Expect(dashboard.Page.Locator("#board-density")).ToHaveAttributeAsync("aria-pressed", "true");
        }

        await dashboard.Page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        var size = await dashboard.Page.Locator("#map").EvaluateAsync<double[]>("e => [e.clientWidth, e.clientHeight]");
        var labelled = await dashboard.Page.EvaluateAsync<string[]>("() => window.commandPage.mapView.units.labelled()");
        var outside = new List<string>();
        foreach (var unitId in flagged.Intersect(labelled))
        {
            var drawn = await dashboard.Marker(unitId).DrawnAsync();
            var l = drawn.GetProperty("labelBox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var (x, y) = (drawn.GetProperty("x").GetDouble(), drawn.GetProperty("y").GetDouble());
            var symbolOnMap = x >= 0 && y >= 0 && x <= size[0] && y <= size[1];
            if (symbolOnMap && (l[0] < -0.5 || l[1] < -0.5 || l[0] + l[2] > size[0] + 0.5 || l[1] + l[3] > size[1] + 0.5))
            {
                outside.Add($"{unitId} at {x:0}, {y:0}: label {l[0]:0}, {l[1]:0}, {l[2]:0} × {l[3]:0}");
            }
        }

        Assert.True(outside.Count == 0, $"labels off the {size[0]} × {size[1]} map: {string.Join("; ", outside)}");
        Assert.True(flagged.Intersect(labelled).Count() >= flagged.Count * 3 / 4, $"{flagged.Intersect(labelled).Count()} of {flagged.Count} flagged units carry a label");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_hot_zones_name_is_not_hidden_under_the_threat_where_500_units_crowd_round_it()
    {
        // The threat's marker is wider than the small hot zone, and units ring the zone so that no spot by it is clear
        // of their symbols: "HOT" was left at its home, wholly under the marker, where beside it a unit hides a part.
        var crowd = await Crowd.OpenAsync(host, Units);
        await using var dashboard = await Dashboard.OpenAsync(host, crowd.Scene.IncidentId, width: 1920, height: 1080);
        await Expect(dashboard.Page.Locator("#unit-count")).ToHaveTextAsync($"{Units}");
        await dashboard.Marker(Crowd.UnitId(0)).ToShowAsync("flag", "alert");
        await Expect(dashboard.Threat()).ToBeVisibleAsync();
        await dashboard.Page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");

        var drawn = await dashboard.Page.EvaluateAsync<JsonElement>(ZoneNameDashboardTests.MapBoxes);
        var hot = ZoneNameDashboardTests.Named(drawn, "zones").Single();
        Assert.Equal("HOT", hot.Name);
        var covers = ZoneNameDashboardTests.Named(drawn, "covers");
        var threat = covers.Where(c => c.Name.StartsWith("the threat", StringComparison.Ordinal) && ZoneNameDashboardTests.Overlap(hot.Box, c.Box)).ToArray();
        Assert.True(threat.Length == 0, $"'HOT' at {string.Join(", ", hot.Box)} is under {string.Join("; ", threat.Select(c => $"{c.Name} at {string.Join(", ", c.Box)}"))}");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_flag_list_puts_flags_raised_together_in_the_boards_order_nearest_first()
    {
        // The held units' flags go up at the same instant: the list had them in the order the units were enrolled
        // (Patrol 1 first) while the board put the one nearest the threat first.
        var crowd = await Crowd.OpenAsync(host, Units);
        await using var dashboard = await Dashboard.OpenAsync(host, crowd.Scene.IncidentId);
        await Expect(dashboard.Page.Locator("#unit-count")).ToHaveTextAsync($"{Units}");
        var expected = await crowd.FlaggedInUrgencyOrderAsync(host);
        Assert.InRange(expected.Length, 2, Units);
        Assert.NotEqual(Crowd.UnitId(0), expected[0]);
        await Expect(dashboard.ActiveFlags.Locator("li")).ToHaveCountAsync(expected.Length);

        var listed = await dashboard.ActiveFlags.Locator("li").EvaluateAllAsync<string[]>("items => items.map(li => li.dataset.subject)");

        Assert.Equal(expected, listed);
        var board = await dashboard.BoardOrderAsync();
        Assert.Equal(board[0], listed[0]);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_search_box_finds_a_unit_by_callsign_or_id_on_the_board_and_the_map()
    {
        var crowd = await Crowd.OpenAsync(host, Units);
        await using var dashboard = await Dashboard.OpenAsync(host, crowd.Scene.IncidentId);
        await Expect(dashboard.Page.Locator("#unit-count")).ToHaveTextAsync($"{Units}");
        var search = dashboard.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Find" });
        var wanted = Crowd.UnitId(417);
        await Expect(dashboard.Row(wanted)).ToHaveCountAsync(0);

        await search.FillAsync(Crowd.Callsign(417));

        await Expect(dashboard.Row(wanted)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bfocused\b"));
        await Expect(dashboard.Row(wanted)).ToBeInViewportAsync();
        await Expect(dashboard.Page.Locator("#unit-search-status")).ToHaveTextAsync($"{Crowd.Callsign(417)} ({wanted})");
        await dashboard.Marker(wanted).ToShowAsync("label", $"■{Crowd.Callsign(417)}");
        var centre = await dashboard.Page.Locator("#map").EvaluateAsync<double[]>("e => [e.clientWidth / 2, e.clientHeight / 2]");
        var drawn = await dashboard.Marker(wanted).DrawnAsync();
        Assert.Equal(centre[0], drawn.GetProperty("x").GetDouble(), 1.0);
        Assert.Equal(centre[1], drawn.GetProperty("y").GetDouble(), 1.0);

        var other = Crowd.UnitId(3);
        await search.FillAsync(other.ToLowerInvariant());

        await Expect(dashboard.Row(other)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bfocused\b"));
        await Expect(dashboard.Row(wanted)).ToHaveCountAsync(0);
        await dashboard.Marker(other).ToShowAsync("label", $"■{Crowd.Callsign(3)}");

        await search.FillAsync("no such unit");

        await Expect(dashboard.Page.Locator("#unit-search-status")).ToHaveTextAsync("No unit matches “no such unit”");
        await Expect(search).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Empty(dashboard.Errors);
    }

    private static bool Overlap(double[] a, double[] b) =>
        a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}
