using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// The commander on a tablet in a vehicle: the flags and their Ack are on the first screen, not below the map and the
/// board, and every control is a finger high.
/// </summary>
public sealed partial class LiveDashboardTests
{
    // Every control a finger would press (a checkbox's label and a link among them), on screen now, less than 44 px high
    // (or, for the map's zoom, wide).
    private const string SmallControls =
        """
        () => [...document.querySelectorAll('button, select, input, label:has(> input[type="checkbox"]), a[href], .leaflet-bar a')].filter(e => {
            const b = e.getBoundingClientRect();
            const s = getComputedStyle(e);
            return b.width > 0 && b.height > 0 && s.visibility !== 'hidden' && b.bottom > 0 && b.top < innerHeight && b.right > 0 && b.left < innerWidth;
          }).filter(e => {
            const b = e.getBoundingClientRect();
            return e.type === 'checkbox' ? b.height < 24 : b.height < 44 || (e.closest('.leaflet-bar') && b.width < 44);
          }).map(e => `${e.id || e.dataset.phase || e.textContent.trim().slice(0, 20) || e.getAttribute('aria-label')} ${Math.round(e.getBoundingClientRect().height)} px`)
        """;

    [Theory]
    [InlineData(768, 1024)]
    [InlineData(1024, 768)]
    public async Task On_a_tablet_the_flags_and_their_ack_are_on_the_first_screen_and_every_control_is_a_finger_high(int width, int height)
    {
        var scene = await Scene.OpenAsync(host, $"tablet{width}");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("H1", "Hotel 1", "contact");
        await scene.EnrolAsync("F1", "Foxtrot 1", "contact");
        await scene.HoldAsync("H1", 40, -100);
        await scene.HoldAsync("F1", -40, -80);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Okafor", roles: ["commander"], width: width, height: height, touch: true);
        var ack = dashboard.ActiveFlags.Locator("li[data-subject='H1'] button.ack");
        await Expect(ack).ToBeVisibleAsync();

        var box = await ack.BoundingBoxAsync();
        Assert.True(box!.Y + box.Height <= height, $"the first Ack is at {box.Y:F0}-{box.Y + box.Height:F0} px of a {height} px screen");
        Assert.Equal(0, await dashboard.Page.EvaluateAsync<double>("() => scrollY"));
        Assert.Empty(await dashboard.Page.EvaluateAsync<string[]>(SmallControls));

        await ack.TapAsync();
        var reasons = dashboard.Page.Locator(".reason-menu button");
        await Expect(reasons.First).ToBeVisibleAsync();
        var items = new List<Microsoft.Playwright.LocatorBoundingBoxResult>();
        for (var i = 0; i < await reasons.CountAsync(); i++)
        {
            items.Add((await reasons.Nth(i).BoundingBoxAsync())!);
        }

        Assert.All(items, b => Assert.True(b.Height >= 44, $"a reason {b.Height:F0} px high"));
        Assert.All(items.Zip(items.Skip(1)), p => Assert.True(p.Second.Y - (p.First.Y + p.First.Height) >= 8, $"reasons {p.Second.Y - (p.First.Y + p.First.Height):F0} px apart"));
        await dashboard.Page.Locator(".reason-menu [data-reason='hazard reported']").TapAsync();
        await Expect(dashboard.Page.Locator("#active-count")).ToContainTextAsync("1 acknowledged");
        await dashboard.ScreenshotAsync($"tablet-{width}x{height}.png");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task On_a_tablet_the_drills_controls_and_the_signed_in_name_are_a_finger_high()
    {
        // The name opens the access page and Loop is ticked through its label: 14 and 34 px high, each was missed by a finger.
        var scene = await Scene.OpenAsync(host, "tablet-drill");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Ctl Park", roles: ["controller"], width: 1024, height: 768, touch: true);
        await Expect(dashboard.Page.Locator("#signed-in-name")).ToHaveTextAsync("Ctl Park");
        await Expect(dashboard.Page.Locator("label:has(#drill-loop)")).ToBeVisibleAsync();

        Assert.Empty(await dashboard.Page.EvaluateAsync<string[]>(SmallControls));
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task On_a_phone_the_page_is_no_wider_than_the_screen_and_every_phase_button_is_on_it()
    {
        // At 390 px the page was 472 px wide: Neutralized past the screen's edge, the units' count under the search box.
        var scene = await Scene.OpenAsync(host, "phone");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("H1", "Hotel 1", "contact");
        await scene.HoldAsync("H1", 40, -100);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Okafor", roles: ["commander"], width: 390, height: 844, touch: true);
        await Expect(dashboard.ActiveFlags.Locator("li[data-subject='H1'] button.ack")).ToBeVisibleAsync();

        var wider = await WiderThanPhoneAsync(dashboard);
        Assert.True(wider.Length == 0, string.Join("; ", wider.Take(8)));
        Assert.Equal(390, await dashboard.Page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, innerWidth)"));
        foreach (var phase in new[] { "reported", "active", "contained", "neutralized" })
        {
            var box = await dashboard.Page.Locator($"button[data-phase='{phase}']").BoundingBoxAsync();
            Assert.True(box!.X >= 0 && box.X + box.Width <= 390, $"{phase} at {box.X:F0}-{box.X + box.Width:F0} px of a 390 px screen");
        }

        var count = await dashboard.Page.Locator("#unit-count").BoundingBoxAsync();
        var find = await dashboard.Page.Locator("#unit-search").BoundingBoxAsync();
        Assert.False(count!.X < find!.X + find.Width && find.X < count.X + count.Width && count.Y < find.Y + find.Height && find.Y < count.Y + count.Height,
            "the units' count is under the search box");
        await dashboard.ScreenshotAsync("phone-390x844.png");

        // The header in its longest words, whatever state the page measured above was in: it once measured the page as
        // it connected, and "Connecting…" where "Live" stands put Sign out at 432 px.
        foreach (var word in new[] { "Reconnecting…", "Catching up…", "Not recording", "Behind 59 s" })
        {
            await dashboard.Page.EvaluateAsync("word => { document.getElementById('connection-text').textContent = word; document.getElementById('signed-in-name').textContent = 'Cmdr Alexandra Okafor-Whitfield'; }", word);
            var header = await WiderThanPhoneAsync(dashboard);
            Assert.True(header.Length == 0, $"with '{word}': {string.Join("; ", header.Take(8))}");
        }

        Assert.Empty(dashboard.Errors);
    }

    // What stands past a 390 px screen's right edge, outside the map and the board (which scroll on their own).
    private static Task<string[]> WiderThanPhoneAsync(Dashboard dashboard) => dashboard.Page.EvaluateAsync<string[]>(
        "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391 && getComputedStyle(e).position !== 'fixed' && !e.closest('.map-panel, .board-scroll')).map(e => `${e.tagName}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)");
}
