using System.Text.Json;
using Command.Host.Drills;
using Command.Simulation.Demo;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// Every zone's name on the demo drill's map reads whole, on a laptop, a tablet and a wall display: none printed over
/// another (WARM under PERIMETER read "W/PERIMETER"), and none under a unit's symbol or the threat ("ST✚GING" with
/// the ambulance at staging, "C★LD" with command at its post, "HOT Main buil✕"). The drill is played to the moment
/// the first officers hold outside, then the incidents' clock stands still.
/// </summary>
public sealed class ZoneNameDashboardTests(FakeClockDashboardHost host) : IClassFixture<FakeClockDashboardHost>
{
    // The plan's names and what is drawn over them, as [left, top, width, height] in the map's pixels.
    internal const string MapBoxes =
        """
        () => {
          const map = document.getElementById('map').getBoundingClientRect();
          const box = e => { const r = e.getBoundingClientRect(); return [r.left - map.left, r.top - map.top, r.width, r.height]; };
          const shown = e => e.offsetWidth > 0 && getComputedStyle(e).visibility !== 'hidden';
          const units = window.commandPage.mapView.units;
          const named = (selector, name) => [...document.querySelectorAll(selector)].filter(shown).map(e => ({ name: name(e), box: box(e) }));
          return {
            map: [map.width, map.height],
            zones: named('.zone-label', e => e.innerText),
            buildings: named('.building-label', e => e.innerText),
            covers: [
              ...[...units.entries.keys()].map(id => ({ name: `unit ${id}`, box: units.drawn(id).symbolBox })),
              ...named('.threat-icon', () => 'the threat'),
              ...named('.threat-label', () => "the threat's label"),
            ],
          };
        }
        """;

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1024, 768)]
    [InlineData(1920, 1080)]
    public async Task Each_zones_name_is_clear_of_the_others_and_of_the_units_and_the_threat(int width, int height)
    {
        var scene = await PlayToTheHoldAsync("zonenames");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, width: width, height: height);
        foreach (var unitId in new[] { "C1", "S1", "P5", "M1", "P4", "P2", "P3" })
        {
            await dashboard.Marker(unitId).ToBeDrawnAsync();
        }

        await Expect(dashboard.Threat()).ToBeVisibleAsync();
        await Frames(dashboard);
        await dashboard.ScreenshotAsync($"zone-names-{width}x{height}.png");

        var drawn = await dashboard.Page.EvaluateAsync<JsonElement>(MapBoxes);
        var zones = Named(drawn, "zones");
        var names = Named(drawn, "buildings").Concat(zones).ToArray();
        var covers = Named(drawn, "covers");
        var map = drawn.GetProperty("map").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var words = new[] { "HOT", "WARM", "STAGING", "CCP ✚", "PERIMETER", "COLD" };
        Assert.Equal(words.Length, zones.Length);
        foreach (var word in words)
        {
            Assert.True(zones.Count(z => z.Name.StartsWith(word, StringComparison.Ordinal)) == 1, $"no zone's name reads {word}: {string.Join(" | ", zones.Select(z => z.Name))}");
        }

        foreach (var (a, i) in names.Select((n, i) => (n, i)))
        {
            Assert.True(a.Box[0] >= -0.5 && a.Box[1] >= -0.5 && a.Box[0] + a.Box[2] <= map[0] + 0.5 && a.Box[1] + a.Box[3] <= map[1] + 0.5,
                $"'{a.Name}' at {string.Join(", ", a.Box)} is not inside the map, {map[0]} × {map[1]}");
            foreach (var b in names.Skip(i + 1))
            {
                Assert.False(Overlap(a.Box, b.Box), $"'{a.Name}' at {string.Join(", ", a.Box)} and '{b.Name}' at {string.Join(", ", b.Box)} overprint each other");
            }
        }

        foreach (var zone in zones)
        {
            foreach (var cover in covers.Where(c => Overlap(zone.Box, c.Box)))
            {
                Assert.Fail($"'{zone.Name}' at {string.Join(", ", zone.Box)} is under {cover.Name} at {string.Join(", ", cover.Box)}");
            }
        }

        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Switching_to_another_incident_on_the_same_site_leaves_one_name_for_each_of_its_zones()
    {
        // Zones keep their ids from one run of a scenario to the next. Leaflet faded the last incident's names out over a
        // fifth of a second, still in the page: just after the switch the hot zone had two names, both in the Tab order,
        // both read out, and a test's "the hot zone's name" matched two.
        var first = await Scene.OpenAsync(host, "zonesa");
        var second = await Scene.OpenAsync(host, "zonesb");
        await using var dashboard = await Dashboard.OpenAsync(host, first.IncidentId);
        await Expect(dashboard.Page.Locator(".zone-label [data-zone='hot']")).ToHaveCountAsync(1);
        // The most names of the hot zone the map held at once from the switch on, counted as each change to it is made.
        await dashboard.Page.EvaluateAsync(
            """
            () => {
              window.hotNames = 0;
              new MutationObserver(() => window.hotNames = Math.max(window.hotNames, document.querySelectorAll('#map .zone-label [data-zone="hot"]').length))
                .observe(document.getElementById('map'), { childList: true, subtree: true });
            }
            """);

        await dashboard.Page.Locator("#incident-picker").SelectOptionAsync(second.IncidentId);

        await dashboard.Page.WaitForFunctionAsync("id => { const p = window.commandPage.picture; return p.groupId === id && p.snapshotSequence >= 0; }", second.IncidentId);
        Assert.Equal(1, await dashboard.Page.EvaluateAsync<int>("() => window.hotNames"));
        Assert.Equal(1, await dashboard.Page.Locator(".zone-label [data-zone='hot']").CountAsync());
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_zones_name_makes_way_for_the_threat_while_it_is_dragged_over_it()
    {
        var scene = await PlayToTheHoldAsync("zonedrag");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, width: 1280, height: 720);
        await Expect(dashboard.Threat()).ToBeVisibleAsync();
        await Frames(dashboard);
        var staging = Named(await dashboard.Page.EvaluateAsync<JsonElement>(MapBoxes), "zones").Single(z => z.Name.StartsWith("STAGING", StringComparison.Ordinal));
        var map = (await dashboard.Page.Locator("#map").BoundingBoxAsync())!;
        var threat = (await dashboard.Threat().BoundingBoxAsync())!;

        // Held over the name, not yet dropped: a commander looking where to drop it still reads what is under it.
        await dashboard.Page.Mouse.MoveAsync(threat.X + (threat.Width / 2), threat.Y + (threat.Height / 2));
        await dashboard.Page.Mouse.DownAsync();
        await dashboard.Page.Mouse.MoveAsync((float)(map.X + staging.Box[0] + (staging.Box[2] / 2)), (float)(map.Y + staging.Box[1] + (staging.Box[3] / 2)), new() { Steps = 10 });
        await Frames(dashboard);
        var drawn = await dashboard.Page.EvaluateAsync<JsonElement>(MapBoxes);
        await dashboard.Page.Mouse.UpAsync();

        var marker = Named(drawn, "covers").Single(c => c.Name == "the threat");
        var under = Named(drawn, "zones").Where(z => Overlap(z.Box, marker.Box)).Select(z => $"'{z.Name}' at {string.Join(", ", z.Box)}").ToArray();
        Assert.True(under.Length == 0, $"under the dragged threat at {string.Join(", ", marker.Box)}: {string.Join("; ", under)}");
        Assert.Empty(dashboard.Errors);
    }

    // The demo drill played to the moment the first officers hold outside; then the incidents' clock stands still.
    private async Task<Scene> PlayToTheHoldAsync(string name)
    {
        var scenario = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        var scene = await Scene.OpenAsync(host, name, id => Support.DemoSite.Incident(id, scenario.Site));
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "start", scenario = "demo", speed = 1 })).EnsureSuccessStatusCode();
        var director = host.Services.GetRequiredService<DrillDirector>();
        for (var s = 0; s < 300; s += 5)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await director.CatchUpAsync(scene.IncidentId);
        }

        return scene;
    }

    private static Task Frames(Dashboard dashboard) =>
        dashboard.Page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");

    internal static (string Name, double[] Box)[] Named(JsonElement drawn, string what) =>
        [.. drawn.GetProperty(what).EnumerateArray().Select(n => (n.GetProperty("name").GetString()!, n.GetProperty("box").EnumerateArray().Select(v => v.GetDouble()).ToArray()))];

    // Boxes [left, top, width, height].
    internal static bool Overlap(double[] a, double[] b) =>
        a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}
