using System.Text.RegularExpressions;
using Command.Host.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// Nothing a commander reads is cut off, on a laptop's 1280×720 or a wall display's 1920×1080: long words wrap or end
/// in an ellipsis with the whole text on hover, large numbers are written to fit their columns.
/// </summary>
public sealed partial class LiveDashboardTests
{
    private const string Overflows = "e => e.scrollWidth > e.clientWidth";

    // A box [left, top, right, bottom] in the page's pixels.
    private const string Box = "e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }";

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    public async Task A_unit_id_and_a_far_off_units_numbers_fit_their_columns(int width, int height)
    {
        var scene = await Scene.OpenAsync(host, "far");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("S1", "SRO Baker", "contact");
        // A device whose fixes put it nearly 100 km away (a fix beyond 100 km of the site is refused), coming in at 12.5 m/s;
        // and one as far, coming in at 2.1 m/s: an ETA of 13 hours.
        await scene.TrackAsync("S1", (-99950, 100), (-99825, 100), (-99700, 100));
        await scene.EnrolAsync("S2", "SRO Lane", "contact");
        await scene.TrackAsync("S2", (-99400, -100), (-99379, -100), (-99358, -100));
        // Room for the unit id is not taken from a callsign of a usual length.
        await scene.EnrolAsync("K9", "Perimeter 9", "perimeter");
        await scene.TrackAsync("K9", (70, 150), (70, 150));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, width: width, height: height);
        var row = dashboard.Row("S1");

        var slow = dashboard.Row("S2");

        await Expect(row.Locator(".distance")).ToHaveTextAsync(">99 km");
        await Expect(row.Locator(".rate")).ToHaveTextAsync(new Regex(@"^\+1[23] m/s$"));
        await Expect(slow.Locator(".eta")).ToHaveTextAsync(new Regex(@"^13h\d\d$"));
        await Expect(row.Locator(".unit-id")).ToHaveTextAsync("S1");
        foreach (var cell in new[] { ".callsign b", ".unit-id", ".distance", ".rate", ".eta", ".in-state", ".fix" })
        {
            Assert.False(await row.Locator(cell).EvaluateAsync<bool>(Overflows), $"{cell} '{await row.Locator(cell).TextContentAsync()}' is cut off");
            Assert.False(await slow.Locator(cell).EvaluateAsync<bool>(Overflows), $"{cell} '{await slow.Locator(cell).TextContentAsync()}' is cut off");
        }

        await Expect(dashboard.Row("K9").Locator(".callsign b")).ToHaveTextAsync("Perimeter 9");
        Assert.False(await dashboard.Row("K9").Locator(".callsign b").EvaluateAsync<bool>(Overflows), "'Perimeter 9' is cut off");
        var id = await row.Locator(".unit-id").EvaluateAsync<double[]>(Box);
        var who = await row.Locator(".who").EvaluateAsync<double[]>(Box);
        Assert.True(Inside(id, who), $"the unit id at {string.Join(", ", id)} is outside its cell at {string.Join(", ", who)}");
        Assert.False(await row.Locator(".who").EvaluateAsync<bool>("e => e.scrollHeight > e.clientHeight"), "the unit's cell is taller than its row");
        Assert.Empty(dashboard.Errors);
    }

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    public async Task A_threats_longest_remarks_wrap_within_the_feed(int width, int height)
    {
        var scene = await Scene.OpenAsync(host, "remarks");
        await scene.ThreatAsync(0, 100, name: "Shooter 2", remarks: new string('Q', 200));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, width: width, height: height);

        var item = dashboard.Feed.Locator("li[data-type='threat-set']");
        await Expect(item.Locator(".reason")).ToContainTextAsync(new string('Q', 200));
        Assert.False(await dashboard.Feed.EvaluateAsync<bool>(Overflows), "the feed is wider than its panel");
        Assert.False(await item.EvaluateAsync<bool>(Overflows), "the remarks run past their line");
        var reason = await item.Locator(".reason").EvaluateAsync<double[]>(Box);
        var feed = await dashboard.Feed.EvaluateAsync<double[]>(Box);
        Assert.True(Inside(reason, feed), $"the remarks at {string.Join(", ", reason)} run out of the feed at {string.Join(", ", feed)}");
        Assert.Empty(dashboard.Errors);
    }

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    public async Task Flags_up_are_shown_as_whole_cards(int width, int height)
    {
        var scene = await Scene.OpenAsync(host, "cards");
        await scene.ThreatAsync(0, 100);
        var units = new[] { "P1", "P2", "P3", "P4", "P5" };
        foreach (var (unit, i) in units.Select((u, i) => (u, i)))
        {
            await scene.EnrolAsync(unit, $"Patrol {i + 1}", "contact");
            await scene.HoldAsync(unit, -40 + (i * 20), -60);
        }

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, width: width, height: height);
        await Expect(dashboard.ActiveFlags.Locator("li.flag-alert")).ToHaveCountAsync(units.Length);

        var list = await dashboard.ActiveFlags.EvaluateAsync<double[]>("e => { const r = e.getBoundingClientRect(); return [r.top + e.clientTop, r.top + e.clientTop + e.clientHeight]; }");
        var whole = 0;
        foreach (var card in await dashboard.ActiveFlags.Locator("li").AllAsync())
        {
            var box = await card.EvaluateAsync<double[]>(Box);
            var shown = Math.Max(0, Math.Min(box[3], list[1]) - Math.Max(box[1], list[0]));
            Assert.True(shown < 0.5 || shown > box[3] - box[1] - 0.5, $"{await card.GetAttributeAsync("data-subject")} shows {shown:F1} of its {box[3] - box[1]:F1} px");
            whole += shown > 0.5 ? 1 : 0;
        }

        Assert.True(whole >= 2, $"only {whole} flag cards are shown");
        await dashboard.ScreenshotAsync($"flags-{width}.png");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_long_callsign_is_cut_on_the_map_with_its_whole_text_on_hover()
    {
        var callsign = $"Patrol {new string('W', 57)}";
        var scene = await Scene.OpenAsync(host, "callsign");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", callsign, "contact");
        await scene.HoldAsync("P1", 0, -60);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await dashboard.Marker("P1").ToShowAsync("flag", "alert");

        var drawn = await dashboard.Marker("P1").DrawnAsync();
        var label = drawn.GetProperty("label").GetString()!;
        var labelWidth = drawn.GetProperty("labelBox")[2].GetDouble();
        var threatMax = await dashboard.Page.EvaluateAsync<double>("() => 13 * parseFloat(getComputedStyle(document.documentElement).fontSize)");
        Assert.StartsWith("■Patrol W", label, StringComparison.Ordinal);
        Assert.EndsWith("W…", label, StringComparison.Ordinal);
        Assert.True(labelWidth <= threatMax, $"the label is {labelWidth} px wide, wider than the threat's {threatMax} px");

        var map = await dashboard.Page.Locator("#map").BoundingBoxAsync();
        await dashboard.Page.Mouse.MoveAsync(map!.X + drawn.GetProperty("x").GetSingle(), map.Y + drawn.GetProperty("y").GetSingle());
        await Expect(dashboard.Page.Locator("#map")).ToHaveAttributeAsync("title", callsign);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_label_at_the_maps_edge_goes_on_the_side_of_its_unit_that_is_on_the_map()
    {
        var scene = await Scene.OpenAsync(host, "edgelabel");
        await scene.ThreatAsync(0, 100);
        // Two units standing at the campus's west and east ends, their names wider than the room the view leaves beside
        // them at its edges: centred below its symbol, the western one's was cut off by the map's edge.
        await scene.EnrolAsync("W1", "Command post west gate", "command");
        await scene.TrackAsync("W1", (-400, 100), (-400, 100));
        await scene.EnrolAsync("E1", "Staging east car park", "staging");
        await scene.TrackAsync("E1", (400, 100), (400, 100));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, width: 1280, height: 720);

        var size = await dashboard.Page.Locator("#map").EvaluateAsync<double[]>("e => [e.clientWidth, e.clientHeight]");
        foreach (var unitId in new[] { "W1", "E1" })
        {
            await dashboard.Marker(unitId).ToBeDrawnAsync();
            await dashboard.Page.WaitForFunctionAsync("id => window.commandPage.mapView.units.drawn(id).labelBox != null", unitId);
            var drawn = await dashboard.Marker(unitId).DrawnAsync();
            var l = drawn.GetProperty("labelBox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var label = new[] { l[0], l[1], l[0] + l[2], l[1] + l[3] };
            Assert.True(Inside(label, [0, 0, size[0], size[1]]),
                $"{unitId}'s label at {string.Join(", ", label)} (its symbol at {drawn.GetProperty("x")}, {drawn.GetProperty("y")}) is not inside the map, {size[0]} × {size[1]}");
        }

        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Zone_names_stay_inside_the_map_and_clear_of_a_units_label_on_a_wall_display()
    {
        var scene = await Scene.OpenAsync(host, "zonenames", TestSite.CreateZonedIncident);
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        // Just north of the casualty collection point's middle, where its name is: a label below the unit would cover it.
        await scene.HoldAsync("P1", -60, 3);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, width: 1920, height: 1080);
        await dashboard.Marker("P1").ToShowAsync("flag", "alert");

        var map = await dashboard.Page.Locator("#map").EvaluateAsync<double[]>(Box);
        foreach (var name in await dashboard.Page.Locator(".zone-label, .building-label").AllAsync())
        {
            var box = await name.EvaluateAsync<double[]>(Box);
            Assert.True(Inside(box, map), $"'{await name.TextContentAsync()}' at {string.Join(", ", box)} is not inside the map at {string.Join(", ", map)}");
        }

        var drawn = await dashboard.Marker("P1").DrawnAsync();
        var l = drawn.GetProperty("labelBox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var unitLabel = new[] { map[0] + l[0], map[1] + l[1], map[0] + l[0] + l[2], map[1] + l[1] + l[3] };
        var ccp = await dashboard.Page.Locator(".zone-casualtyCollection").EvaluateAsync<double[]>(Box);
        Assert.False(Overlap(unitLabel, ccp), $"P1's label at {string.Join(", ", unitLabel)} covers the CCP's name at {string.Join(", ", ccp)}");
        await dashboard.ScreenshotAsync("zone-names-1920.png");
        Assert.Empty(dashboard.Errors);
    }

    private static bool Inside(double[] inner, double[] outer) =>
        inner[0] >= outer[0] - 0.5 && inner[1] >= outer[1] - 0.5 && inner[2] <= outer[2] + 0.5 && inner[3] <= outer[3] + 0.5;

    private static bool Overlap(double[] a, double[] b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}
