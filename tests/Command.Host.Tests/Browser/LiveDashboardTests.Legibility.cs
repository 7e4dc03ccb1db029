using Command.Host.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// Readable from across a room at 1280×720, and on a dispatcher's half screen 800 wide (map, board, flags and feed then
/// stand one above the other): nothing cut off, and the numbers a commander acts on in large type.
/// </summary>
public sealed partial class LiveDashboardTests
{
    /// <summary>Smallest type for distance, closing rate, ETA and time in state: legible at a few metres.</summary>
    private const double ActionNumberMinPx = 16;

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(800, 900)]
    public async Task The_board_fits_its_window_and_shows_its_numbers_in_large_type(int width, int height)
    {
        var scene = await Scene.OpenAsync(host, "legible");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.EnrolAsync("R1", "Rescue 1", "rescue-task-force");
        await scene.HoldAsync("P1", 0, -60);
        await scene.TrackAsync("R1", (-60, -120), (-55, -105), (-50, -90));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, width: width, height: height);
        await Expect(dashboard.Row("P1").Locator(".reason")).ToContainTextAsync("holding ");
        await Expect(dashboard.Row("R1")).ToHaveAttributeAsync("data-state", "closing");

        var overflow = await dashboard.Page.Locator(".board-scroll").EvaluateAsync<double>("e => e.scrollWidth - e.clientWidth");
        Assert.Equal(0, overflow);
        Assert.Equal(0, await dashboard.Page.EvaluateAsync<double>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        var word = await dashboard.Row("P1").Locator(".state-word").EvaluateAsync<double[]>(Box);
        var board = await dashboard.Page.Locator(".board-scroll").EvaluateAsync<double[]>(Box);
        Assert.True(word[2] <= board[2] + 0.5, $"the state word ends at {word[2]}, past the board's edge at {board[2]}");
        foreach (var cell in new[] { ".distance b", ".rate", ".eta", ".in-state" })
        {
            var px = await dashboard.Row("P1").Locator(cell).EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
            Assert.True(px >= ActionNumberMinPx, $"{cell} is {px}px, under {ActionNumberMinPx}px");
        }

        var flaggedLeft = await dashboard.Row("P1").Locator(".callsign b").EvaluateAsync<double>("e => e.getBoundingClientRect().left");
        var quietLeft = await dashboard.Row("R1").Locator(".callsign b").EvaluateAsync<double>("e => e.getBoundingClientRect().left");
        Assert.Equal(quietLeft, flaggedLeft);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_unit_on_the_walk_graph_shows_both_its_distances_uncut()
    {
        var scene = await Scene.OpenAsync(host, "walks", TestSite.CreateIncidentWithWalks);
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.HoldAsync("P1", 40, 50);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);

        var distance = dashboard.Row("P1").Locator(".distance");
        await Expect(distance.Locator("b")).ToHaveTextAsync("86 m");
        await Expect(distance.Locator("small")).ToHaveTextAsync(["by path", "64 m straight"]);
        foreach (var line in await distance.Locator("small").AllAsync())
        {
            var cut = await line.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth || e.getBoundingClientRect().bottom > e.closest('.board-row').getBoundingClientRect().bottom");
            Assert.False(cut, $"'{await line.TextContentAsync()}' is cut off");
        }

        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Site_and_range_labels_are_drawn_under_the_units()
    {
        var scene = await Scene.HeldPatrolAsync(host, "labels");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await dashboard.Marker("P1").ToShowAsync("flag", "alert");

        const string Layer = "e => Number(getComputedStyle(e.closest('.leaflet-pane')).zIndex)";
        var unit = await dashboard.Page.Locator(".unit-canvas").EvaluateAsync<int>(Layer);
        foreach (var label in new[] { ".building-label", ".zone-label", ".range-label" })
        {
            var layer = await dashboard.Page.Locator(label).First.EvaluateAsync<int>(Layer);
            Assert.True(layer < unit, $"{label} is drawn at {layer}, over the units at {unit}");
        }

        Assert.Empty(dashboard.Errors);
    }
}
