using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

public sealed class ReplayDashboardTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    [Fact]
    public async Task Seeking_a_replay_shows_the_positions_of_that_instant()
    {
        var scene = await Scene.HeldPatrolAsync(host, "replay");
        Assert.Equal("alert", (await scene.UnitAsync("P1")).GetProperty("flag").GetString());
        // The next fix is five seconds on from the hold's last: near enough for the speed check, recorded after the flag.
        await scene.ReportAsync("P1", DateTimeOffset.UtcNow.AddSeconds(4), 0, -20);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var held = Scene.Shown(0, -60);
        var moved = Scene.Shown(0, -20);
        await dashboard.Marker("P1").ToShowAsync("lat", moved.Lat);

        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator("#replay-badge")).ToHaveTextAsync("REPLAY");
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Connected");
        await Expect(dashboard.Page.Locator("#session-picker")).ToHaveValueAsync(scene.IncidentId);
        await Expect(dashboard.Page.Locator(".mark.flag-raised[data-subject='P1']")).ToHaveCountAsync(1);
        await SeekAsync(dashboard, "End");
        await dashboard.Marker("P1").ToShowAsync("lat", moved.Lat);

        await dashboard.Page.Locator(".mark.flag-raised[data-subject='P1']").ClickAsync();

        await dashboard.Marker("P1").ToShowAsync("lat", held.Lat);
        await dashboard.Marker("P1").ToShowAsync("lon", held.Lon);
        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("data-flag", "alert");
        await dashboard.ScreenshotAsync("replay.png");
        await dashboard.ScreenshotAsync("replay-1920.png", 1920, 1080);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Seeking_a_replay_lists_the_flags_recorded_up_to_that_instant()
    {
        var scene = await Scene.OpenAsync(host, "feed");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        // One fix per post, so each flag is the last event recorded at its instant, as it is in a real drill.
        var last = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 9; i >= 0; i--)
        {
            await scene.ReportAsync("P1", last.AddSeconds(-Scene.CadenceS * i), 0, -60);
        }

        await scene.AcknowledgeAsync("P1", "rendering aid");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator(".mark.flag-acknowledged[data-subject='P1']")).ToHaveCountAsync(1);
        var items = dashboard.Feed.Locator("li");

        await dashboard.Page.Locator(".mark.flag-raised[data-subject='P1']").ClickAsync();

        // The flag, and the threat placed before it.
        await Expect(items).ToHaveCountAsync(2);
        await Expect(items.Last).ToHaveAttributeAsync("data-type", "threat-set");
        await Expect(items.First).ToHaveAttributeAsync("data-type", "flag-raised");
        await Expect(items.First).ToContainTextAsync("⚠ ALERTPatrol 1holding ");
        await Expect(dashboard.ActiveFlags.Locator("li[data-subject='P1']")).ToHaveClassAsync("flag-alert");

        await SeekAsync(dashboard, "End");

        await Expect(items).ToHaveCountAsync(3);
        await Expect(items.First).ToHaveAttributeAsync("data-type", "flag-acknowledged");
        await Expect(items.First).ToContainTextAsync("rendering aid — token:bootstrap");
        await Expect(dashboard.ActiveFlags.Locator("li[data-subject='P1']")).ToHaveClassAsync("flag-alert acknowledged");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_distance_chart_tells_time_in_UTC_like_the_clock_wherever_the_browser_is()
    {
        var scene = await Scene.OpenAsync(host, "chart");
        await scene.ThreatAsync(0, 100);
        await scene.TrackAsync("P1", (0, -80), (0, -70), (0, -60));
        var first = await scene.FirstChartPointAsync("P1");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, timezoneId: "America/Chicago");
        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator("#session-picker")).ToHaveValueAsync(scene.IncidentId);
        await SeekAsync(dashboard, "End");

        await dashboard.Row("P1").Locator(".status").ClickAsync();
        var plot = dashboard.Page.Locator("#chart .u-over");
        await Expect(plot).ToBeVisibleAsync();
        var box = (await plot.BoundingBoxAsync())!;
        await dashboard.Page.Mouse.MoveAsync(box.X + 1, box.Y + (box.Height / 2));

        var time = dashboard.Page.Locator("#chart .u-legend .u-series").First;
        await Expect(time).ToHaveTextAsync($"UTC{first.UtcDateTime:HH:mm:ss}");
        await Expect(dashboard.Page.Locator(".readout-label").First).ToHaveTextAsync("Clock · UTC");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_distance_chart_draws_every_line_in_the_page_s_colours_light_or_dark()
    {
        // On the light page the chart kept the dark page's pale lines: amber, green and white near invisible on a projector.
        var scene = await Scene.OpenAsync(host, "chart-theme");
        await scene.ThreatAsync(0, 100);
        string[] units = ["P1", "P2", "P3", "P4", "P5", "P6", "P7"];
        for (var i = 0; i < units.Length; i++)
        {
            var x = (i * 20) - 60;
            await scene.TrackAsync(units[i], (x, -80), (x, -70), (x, -60));
        }

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, width: 1920, height: 1080);
        var page = dashboard.Page;
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(page.Locator("#session-picker")).ToHaveValueAsync(scene.IncidentId);
        await SeekAsync(dashboard, "End");
        foreach (var unit in units)
        {
            await dashboard.Row(unit).Locator(".status").ClickAsync();
        }

        var marks = new Dictionary<string, string> { ["line"] = "#chart .u-legend .u-series:not(:first-child) .u-marker" };
        await Expect(page.Locator(marks["line"])).ToHaveCountAsync(units.Length);
        var dark = await Contrast.OfLinesAsync(page, marks);
        Contrast.AssertAtLeast(Contrast.Lines, "the dark chart's lines", dark);

        await page.EmulateMediaAsync(new() { ColorScheme = Microsoft.Playwright.ColorScheme.Light });

        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        await Expect(page.Locator(marks["line"])).ToHaveCountAsync(units.Length);
        var light = await Contrast.OfLinesAsync(page, marks);
        Contrast.AssertAtLeast(Contrast.Lines, "the light chart's lines", light);
        Assert.Equal(units.Length, light.Count);
        var colours = await page.Locator(marks["line"]).EvaluateAllAsync<string[]>("marks => marks.map(m => getComputedStyle(m).borderTopColor)");
        Assert.Equal(units.Length, colours.Distinct().Count());
        await dashboard.ScreenshotAsync("replay-chart-light.png");
        Assert.Empty(dashboard.Errors);
    }

    [Theory]
    [InlineData(7, 1920, 1080)]
    [InlineData(28, 1920, 1080)]
    [InlineData(7, 1366, 768)]
    [InlineData(28, 1366, 768)]
    public async Task The_distance_chart_shows_every_plotted_unit_s_legend_inside_its_panel(int count, int width, int height)
    {
        // Seven units plotted at 1920x1080 showed P1 to P4 in the legend; the rest fell below the panel, unreadable.
        var scene = await Scene.OpenAsync(host, $"legend-{count}-{width}");
        await scene.ThreatAsync(0, 100);
        var units = Enumerable.Range(1, count).Select(i => $"P{i}").ToArray();
        for (var i = 0; i < units.Length; i++)
        {
            var x = (i * 4) - 60;
            await scene.TrackAsync(units[i], (x, -80), (x, -70), (x, -60));
        }

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, width: width, height: height);
        var page = dashboard.Page;
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(page.Locator("#session-picker")).ToHaveValueAsync(scene.IncidentId);
        await SeekAsync(dashboard, "End");
        await Expect(page.Locator("#unit-count")).ToHaveTextAsync($"{count}");
        foreach (var unit in units)
        {
            // Only the rows on screen exist: finding the unit scrolls the board to it.
            await page.Locator("#unit-search").FillAsync(unit);
            await dashboard.Row(unit).Locator(".status").ClickAsync();
        }

        var entries = page.Locator("#chart .u-legend .u-series:not(:first-child)");
        await Expect(entries).ToHaveCountAsync(count);
        var panel = (await page.Locator(".chart").BoundingBoxAsync())!;
        Assert.True(panel.Y + panel.Height <= height, $"the chart panel runs off the screen to {panel.Y + panel.Height:F0}");
        // Each entry, brought into the legend's view (it scrolls when there are more than the panel holds), is inside the panel.
        var outside = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var box = await entries.Nth(i).EvaluateAsync<double[]>(
                "r => { r.scrollIntoView({ block: 'nearest' }); const b = r.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; }");
            if (box[0] < panel.X - 0.5 || box[1] < panel.Y - 0.5 || box[2] > panel.X + panel.Width + 0.5 || box[3] > panel.Y + panel.Height + 0.5)
            {
                outside.Add($"{units[i]} {box[1]:F0}-{box[3]:F0}");
            }
        }

        Assert.True(outside.Count == 0, $"legend entries outside the chart panel ({panel.Y:F0}-{panel.Y + panel.Height:F0}): {string.Join(", ", outside)}");
        var plot = (await page.Locator("#chart .u-over").BoundingBoxAsync())!;
        Assert.True(plot.Height >= 60, $"the plot is squashed to {plot.Height:F0} px");
        await dashboard.ScreenshotAsync($"legend-{count}-{width}.png");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_replay_header_fits_1280_with_nothing_overlapping()
    {
        var scene = await Scene.OpenAsync(host, "header");
        await scene.ThreatAsync(0, 100);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator("#session-picker")).ToHaveValueAsync(scene.IncidentId);
        await Expect(dashboard.Page.Locator("#replay-badge")).ToBeVisibleAsync();

        var edges = await dashboard.Page.Locator("header.bar > .bar-group").EvaluateAllAsync<double[][]>(
            "groups => groups.map(g => { const r = g.getBoundingClientRect(); return [r.left, r.right]; })");
        Assert.Equal(3, edges.Length);
        Assert.True(edges[0][1] <= edges[1][0] && edges[1][1] <= edges[2][0], $"header groups overlap: {string.Join(" ", edges.Select(e => $"{e[0]:F0}-{e[1]:F0}"))}");
        Assert.True(edges[2][1] <= 1280, $"the header runs off the screen to {edges[2][1]:F0}");
        var signedIn = dashboard.Page.Locator("#signed-in-name");
        await Expect(signedIn).ToHaveTextAsync("test-commander");
        Assert.True(await signedIn.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the signed-in name is cut off");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Playing_a_replay_from_its_start_reaches_the_last_position()
    {
        var scene = await Scene.OpenAsync(host, "play");
        await scene.TrackAsync("P1", (0, -80), (0, -70), (0, -60));
        await scene.ReportAsync("P1", DateTimeOffset.UtcNow.AddSeconds(4), 0, -50);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator("#session-picker")).ToHaveValueAsync(scene.IncidentId);
        await SeekAsync(dashboard, "Home");
        await dashboard.Marker("P1").ToBeAbsentAsync();

        await dashboard.Page.Locator("#replay-speed").SelectOptionAsync("60");
        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();

        var last = Scene.Shown(0, -50);
        await dashboard.Marker("P1").ToShowAsync("lat", last.Lat);
        await Expect(dashboard.Page.Locator("#replay-badge")).ToBeVisibleAsync();
        Assert.Empty(dashboard.Errors);
    }

    // The slider moves the replay once the page watches it; before then it is disabled.
    /// <summary>Moves the replay's slider with a key, as a user does: End, Home, an arrow.</summary>
    internal static async Task SeekAsync(Dashboard dashboard, string key)
    {
        var seek = dashboard.Page.Locator("#replay-seek");
        await Expect(seek).ToBeEnabledAsync();
        await seek.PressAsync(key);
    }
}
