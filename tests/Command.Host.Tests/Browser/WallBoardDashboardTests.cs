using System.Text.Json;
using Command.Host.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// The big board on a wall: 130 units whose callsigns begin alike, fifteen of them flagged, at 1920×1080 and on a
/// 3840×2160 display. Each flagged row reads as its own unit, the larger screen shows more rows and flags in type
/// still larger than the smaller one's, and the map's labels are not printed over one another or over a unit.
/// </summary>
public sealed class WallBoardDashboardTests(FakeClockDashboardHost host) : IClassFixture<FakeClockDashboardHost>
{
    // The text a reader sees of an element: its characters inside every box that clips them, less the room an ellipsis
    // takes where a box cuts its text short.
    private const string VisibleText =
        """
        e => {
          const ctx = document.createElement('canvas').getContext('2d');
          const range = document.createRange();
          const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
          let seen = '';
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            for (let i = 0; i < n.data.length; i++) {
              range.setStart(n, i);
              range.setEnd(n, i + 1);
              const r = range.getBoundingClientRect();
              let shown = true;
              for (let a = n.parentElement; a && shown; a = a.parentElement) {
                const s = getComputedStyle(a);
                if (s.overflowX !== 'visible') {
                  const b = a.getBoundingClientRect();
                  ctx.font = s.font;
                  const cut = a.scrollWidth > a.clientWidth && s.textOverflow === 'ellipsis' ? ctx.measureText('…').width : 0;
                  shown = r.left >= b.left - 0.5 && r.right <= b.right - cut + 0.5;
                }
                if (a.getAttribute('role') === 'row') break;
              }
              if (shown) seen += n.data[i];
            }
          }
          return seen;
        }
        """;

    // What of the board and the flag list is on screen: rows and cards shown whole, and the page's type size.
    private const string OnScreen =
        """
        () => {
          const inside = (e, box) => { const r = e.getBoundingClientRect(); return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5; };
          const scroller = document.getElementById('board-scroll').getBoundingClientRect();
          const head = document.querySelector('.board-head').getBoundingClientRect();
          const body = { top: head.bottom, bottom: scroller.bottom };
          const list = document.getElementById('active-flags');
          const flags = { top: list.getBoundingClientRect().top + list.clientTop, bottom: list.getBoundingClientRect().top + list.clientTop + list.clientHeight };
          return [
            [...document.querySelectorAll('#board-body [role=row]')].filter(r => inside(r, body)).length,
            [...list.querySelectorAll('li')].filter(c => inside(c, flags)).length,
            parseFloat(getComputedStyle(document.documentElement).fontSize),
            document.querySelector('.leaflet-control-zoom-in').getBoundingClientRect().height,
          ];
        }
        """;

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    public async Task Each_flagged_row_reads_as_its_own_unit_however_alike_the_callsigns_begin(int width, int height)
    {
        var agencies = await Agencies.OpenAsync(host);
        await using var dashboard = await OpenAsync(agencies, width, height);

        var rows = await dashboard.BoardOrderAsync();
        var flaggedRows = rows.TakeWhile(id => Index(id) < Agencies.Flagged).ToArray();
        Assert.True(flaggedRows.Length >= 5, $"only {flaggedRows.Length} flagged rows are on the board");
        var seen = new List<string>();
        foreach (var unitId in flaggedRows)
        {
            var row = dashboard.Row(unitId);
            var callsign = await row.Locator(".callsign b").EvaluateAsync<string>(VisibleText);
            var id = await row.Locator(".unit-id").EvaluateAsync<string>(VisibleText);
            Assert.Contains(Agencies.Number(Index(unitId)), callsign, StringComparison.Ordinal);
            Assert.EndsWith(unitId[^3..], id, StringComparison.Ordinal);
            await Expect(row.Locator(".callsign b")).ToHaveAttributeAsync("title", Agencies.Callsign(Index(unitId)));
            await Expect(row.Locator(".unit-id")).ToHaveAttributeAsync("title", unitId);
            seen.Add($"{callsign} {id}");
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        await dashboard.ScreenshotAsync($"wall-{width}.png");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_3840_wall_shows_more_rows_and_flags_than_1920_in_larger_type_and_controls()
    {
        var agencies = await Agencies.OpenAsync(host);
        double[] small, large;
        await using (var dashboard = await OpenAsync(agencies, 1920, 1080))
        {
            small = await dashboard.Page.EvaluateAsync<double[]>(OnScreen);
        }

        await using (var dashboard = await OpenAsync(agencies, 3840, 2160))
        {
            large = await dashboard.Page.EvaluateAsync<double[]>(OnScreen);
            Assert.Empty(dashboard.Errors);
        }

        var (rows, flags, type, zoom) = (0, 1, 2, 3);
        Assert.True(large[rows] > small[rows], $"{large[rows]} rows at 3840, {small[rows]} at 1920");
        Assert.True(large[flags] > small[flags], $"{large[flags]} flag cards at 3840, {small[flags]} at 1920");
        Assert.InRange(large[type], small[type] * 1.25, small[type] * 1.75);
        Assert.True(large[zoom] >= large[type] * 1.8, $"the zoom button is {large[zoom]} px high beside {large[type]} px type");
        Assert.True(small[zoom] >= small[type] * 1.8, $"the zoom button is {small[zoom]} px high beside {small[type]} px type");
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    public async Task Map_labels_of_crowded_flagged_units_and_the_threat_overprint_nothing(int width, int height)
    {
        var agencies = await Agencies.OpenAsync(host);
        await using var dashboard = await OpenAsync(agencies, width, height);
        var flagged = Enumerable.Range(0, Agencies.Flagged).Select(Agencies.UnitId).ToArray();
        var drawn = (await dashboard.Page.EvaluateAsync<JsonElement>(
            "() => { const units = window.commandPage.mapView.units; return [...units.entries.keys()].map(id => units.drawn(id)); }")).EnumerateArray().ToArray();
        var labels = drawn.Where(d => d.GetProperty("labelBox").ValueKind == JsonValueKind.Array)
            .Select(d => (Id: d.GetProperty("unitId").GetString()!, Box: Box(d.GetProperty("labelBox")))).ToArray();
        var symbols = drawn.Select(d => (Id: d.GetProperty("unitId").GetString()!, Box: Box(d.GetProperty("symbolBox")))).ToArray();
        var flaggedLabels = labels.Where(l => flagged.Contains(l.Id)).ToArray();

        await dashboard.ScreenshotAsync($"wall-map-{width}.png");
        Assert.True(flaggedLabels.Length >= 6, $"only {flaggedLabels.Length} of {flagged.Length} flagged units carry a label");
        foreach (var (a, i) in labels.Select((l, i) => (l, i)))
        {
            foreach (var b in labels.Skip(i + 1))
            {
                Assert.False(Overlap(a.Box, b.Box), $"the labels of {a.Id} and {b.Id} overlap");
            }
        }

        foreach (var label in flaggedLabels)
        {
            foreach (var symbol in symbols.Where(s => s.Id != label.Id && flagged.Contains(s.Id)))
            {
                Assert.False(Overlap(label.Box, symbol.Box), $"the label of {label.Id} covers flagged {symbol.Id}");
            }
        }

        await AssertThreatLabelHidesNoUnitAsync(dashboard, shown: false);

        // Closer in, there is room beside the threat: its label is shown, clear of the ambulance where it would go.
        await dashboard.Page.EvaluateAsync(
            "() => { const view = window.commandPage.mapView; view.map.setView(view.threats.drawn.get('T1').marker.getLatLng(), view.map.getZoom() + 2, { animate: false }); }");
        await dashboard.Page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        await AssertThreatLabelHidesNoUnitAsync(dashboard, shown: true);
        await dashboard.ScreenshotAsync($"wall-map-near-{width}.png");
        Assert.Empty(dashboard.Errors);
    }

    // The threat's label, where shown (as it must be when shown is true), covers no unit's symbol and no unit's label.
    private static async Task AssertThreatLabelHidesNoUnitAsync(Dashboard dashboard, bool shown)
    {
        var drawn = (await dashboard.Page.EvaluateAsync<JsonElement>(
            "() => { const units = window.commandPage.mapView.units; return [...units.entries.keys()].map(id => units.drawn(id)); }")).EnumerateArray().ToArray();
        var boxes = drawn.Select(d => (Id: d.GetProperty("unitId").GetString()!, Box: Box(d.GetProperty("symbolBox"))))
            .Concat(drawn.Where(d => d.GetProperty("labelBox").ValueKind == JsonValueKind.Array).Select(d => (Id: d.GetProperty("unitId").GetString()!, Box: Box(d.GetProperty("labelBox")))));
        var threat = await dashboard.Threat().Locator(".threat-label").EvaluateAsync<double[]>(
            "e => { const m = document.getElementById('map').getBoundingClientRect(); const r = e.getBoundingClientRect(); return [r.left - m.left, r.top - m.top, r.width, r.height]; }");
        Assert.True(!shown || threat[2] > 0, "the threat's label is not shown");
        if (threat[2] == 0)
        {
            return;
        }

        foreach (var (id, box) in boxes)
        {
            Assert.False(Overlap(threat, box), $"the threat's label at {string.Join(", ", threat)} covers {id} at {string.Join(", ", box)}");
        }
    }

    private async Task<Dashboard> OpenAsync(Agencies agencies, int width, int height)
    {
        var dashboard = await Dashboard.OpenAsync(host, agencies.Scene.IncidentId, width: width, height: height);
        await Expect(dashboard.Page.Locator("#unit-count")).ToHaveTextAsync($"{Agencies.Count}");
        await Expect(dashboard.ActiveFlags.Locator("li")).ToHaveCountAsync(Agencies.Flagged);
        foreach (var unitId in Enumerable.Range(0, Agencies.Flagged).Select(Agencies.UnitId))
        {
            await dashboard.Marker(unitId).ToShowAsync("flag", "alert");
        }

        await dashboard.Marker(Agencies.UnitId(Agencies.BesideThreat)).ToBeDrawnAsync();
        return dashboard;
    }

    private static int Index(string unitId) => int.Parse(unitId[^3..], System.Globalization.CultureInfo.InvariantCulture);

    private static double[] Box(JsonElement box) => [.. box.EnumerateArray().Select(v => v.GetDouble())];

    // Boxes [left, top, width, height].
    private static bool Overlap(double[] a, double[] b) =>
        a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}
