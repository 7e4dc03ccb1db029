using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>A light page for a sunlit dispatch room or a projector, as readable as the dark one.</summary>
public sealed partial class LiveDashboardTests
{
    // How many of the pixels painted in a unit's symbol box are pure black and pure white: the symbol's outline is in the
    // halo of the page's words, black on the dark page and white on the light one (where black edged it heavily).
    private const string SymbolEdge =
        """
        id => {
          const d = window.commandPage.mapView.units.drawn(id);
          const canvas = document.querySelector('.unit-canvas');
          const map = document.getElementById('map').getBoundingClientRect();
          const box = canvas.getBoundingClientRect();
          const ratio = canvas.width / box.width;
          const [x, y, w, h] = d.symbolBox.map(v => Math.round(v * ratio));
          const pixels = canvas.getContext('2d').getImageData(Math.round((map.left - box.left) * ratio) + x, Math.round((map.top - box.top) * ratio) + y, w, h).data;
          let [black, white] = [0, 0];
          for (let i = 0; i < pixels.length; i += 4) {
            if (pixels[i + 3] !== 255) continue;
            const rgb = `${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`;
            if (rgb === '0,0,0') black++;
            if (rgb === '255,255,255') white++;
          }
          return [black, white];
        }
        """;

    private static readonly Dictionary<string, string> Words = new()
    {
        ["text"] = "#incident-name",
        ["muted"] = ".field",
        ["alert flag"] = "#board-body [data-unit='A1'] .flag-word",
        ["watch flag"] = "#board-body [data-unit='W1'] .flag-word",
        ["holding"] = "#board-body [data-unit='A1'] .state-word",
        ["closing"] = "#board-body [data-unit='P2'] .state-word",
        ["stale"] = "#board-body [data-unit='S1'] .state-word",
        ["stale fix"] = "#board-body [data-unit='S1'] .fix-age",
        ["threat active"] = "#threat-phase",
        ["flag list alert"] = "#active-flags li[data-subject='A1'] .flag-word",
        ["ack"] = "#active-flags button.ack",
    };

    [Fact]
    public async Task The_threat_s_X_stands_out_from_its_ring_on_the_dark_page_and_the_light()
    {
        // The X was always white: on the light page's pale red ring it all but vanished.
        var scene = await Scene.OpenAsync(host, "threat-x");
        await scene.ThreatAsync(0, 100);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var page = dashboard.Page;
        var x = page.Locator(".threat svg path").First;
        await Expect(x).ToBeVisibleAsync();
        Assert.True(await XContrastAsync(page) >= Contrast.Lines, $"the dark page's threat X is {await XContrastAsync(page)}:1 on its ring");

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });

        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        Assert.True(await XContrastAsync(page) >= Contrast.Lines, $"the light page's threat X is {await XContrastAsync(page)}:1 on its ring");
        Assert.Empty(dashboard.Errors);
    }

    /// <summary>The X's stroke against its ring's translucent fill laid over the map's ground.</summary>
    private static Task<double> XContrastAsync(IPage page) => page.EvaluateAsync<double>(
        """
        () => {
          const rgba = c => { const v = (c.match(/[\d.]+/g) ?? []).map(Number); return v.length === 3 ? [...v, 1] : v; };
          const lum = ([r, g, b]) => [r, g, b].map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
          const ground = rgba(getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor);
          const fill = rgba(getComputedStyle(document.querySelector('.threat svg circle')).fill);
          const a = fill[3] * Number(getComputedStyle(document.querySelector('.threat svg circle')).fillOpacity);
          const ring = [0, 1, 2].map(i => fill[i] * a + ground[i] * (1 - a));
          const [s, b] = [lum(rgba(getComputedStyle(document.querySelector('.threat svg path')).stroke)), lum(ring)];
          return Math.round((Math.max(s, b) + 0.05) / (Math.min(s, b) + 0.05) * 100) / 100;
        }
        """);

    [Fact]
    public async Task The_page_turns_light_as_the_system_asks_or_as_the_dispatcher_chooses_with_every_word_readable()
    {
        // A dark page on a sunlit wall or a projector washed out, and there was no other.
        var scene = await Scene.OpenAsync(host, "theme");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("A1", "Alpha", "contact");
        await scene.EnrolAsync("W1", "Whiskey", "contact");
        await scene.EnrolAsync("S1", "Sierra", "contact");
        await scene.EnrolAsync("P2", "Papa", "contact");
        await scene.HoldAsync("A1", 0, -60);
        await scene.TrackAsync("W1", (40, -100), (40, -100), (40, -100), (40, -100), (40, -100), (40, -100));
        var silentSince = DateTimeOffset.UtcNow.AddSeconds(-60);
        await scene.ReportAsync("S1", silentSince.AddSeconds(-20), 120, 0);
        await scene.ReportAsync("S1", silentSince.AddSeconds(-10), 120, 5);
        await scene.ReportAsync("S1", silentSince, 120, 10);
        await scene.TrackAsync("P2", (-80, -160), (-75, -145), (-70, -130), (-65, -115), (-60, -100), (-55, -85));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, width: 1920, height: 1080);
        var page = dashboard.Page;
        var root = page.Locator("html");
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Light" });
        await Expect(dashboard.Row("S1")).ToHaveAttributeAsync("data-state", "stale");
        await Expect(dashboard.Row("W1")).ToHaveAttributeAsync("data-flag", "watch");
        await Expect(dashboard.Row("P2")).ToHaveAttributeAsync("data-state", "closing");
        await Expect(root).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        AssertReadable("dark", await Contrast.OfWordsAsync(page, Words));
        await dashboard.Marker("A1").ToShowAsync("state", "holding");
        await page.WaitForFunctionAsync($"id => ({SymbolEdge})(id)[0] > 0", "A1");

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });

        await Expect(root).ToHaveAttributeAsync("data-theme", "light");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        AssertReadable("light", await Contrast.OfWordsAsync(page, Words));
        await Expect(page.Locator("#map")).ToHaveCSSAsync("background-color", "rgb(238, 241, 244)");
        // The map's canvas is painted again in the light page's colours: a holding unit in its darker amber.
        await dashboard.Marker("A1").ToShowAsync("state", "holding");
        await page.WaitForFunctionAsync(
            """
            () => {
              const d = window.commandPage.mapView.units.drawn('A1');
              const canvas = document.querySelector('.unit-canvas');
              const map = document.getElementById('map').getBoundingClientRect();
              const box = canvas.getBoundingClientRect();
              const ratio = canvas.width / box.width;
              const [r, g, b] = canvas.getContext('2d').getImageData(Math.round((map.left + d.x - box.left) * ratio), Math.round((map.top + d.y - box.top) * ratio), 1, 1).data;
              return `${r},${g},${b}` === '138,83,0';
            }
            """);
        var lightEdge = await page.EvaluateAsync<int[]>(SymbolEdge, "A1");
        Assert.True(lightEdge[0] == 0 && lightEdge[1] > 0, $"the light page's unit symbol is outlined in black ({lightEdge[0]} black, {lightEdge[1]} white pixels)");
        await dashboard.ScreenshotAsync("live-light.png");

        // Chosen dark on a light system, the page stays dark through a reload; chosen light again, it stays light.
        await toggle.ClickAsync();

        await Expect(root).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        await page.ReloadAsync();
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await Expect(root).ToHaveAttributeAsync("data-theme", "dark");
        await toggle.ClickAsync();
        await page.ReloadAsync();
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await Expect(root).ToHaveAttributeAsync("data-theme", "light");
        Assert.Empty(dashboard.Errors);
    }

    private static readonly Dictionary<string, string> SignInWords = new()
    {
        ["title"] = "h1",
        ["label"] = "label",
        ["field"] = "#user-name",
        ["button"] = "#submit",
        ["problem"] = "#problem",
        ["hint"] = ".hint",
        ["link"] = "a",
    };

    private static readonly Dictionary<string, string> AccessWords = new()
    {
        ["title"] = "header h1",
        ["signed in"] = "header .signed-in",
        ["link"] = "#to-dashboard",
        ["heading"] = "#people th",
        ["name"] = "#people td",
        ["field"] = "#add-person input",
        ["label"] = "#add-person label",
        ["button"] = "#add-person button[type=submit]",
        ["danger"] = "#people button.danger",
        ["hint"] = ".hint",
        ["problem"] = "#add-person .problem",
    };

    [Fact]
    public async Task The_sign_in_and_access_pages_turn_light_with_the_dashboard_with_every_word_readable()
    {
        // Signed out at a sunlit wall, the sign-in page stayed dark; the access page stayed dark beside a light dashboard.
        await using var signIn = await host.Browser.NewContextAsync(new() { BaseURL = host.BaseAddress.ToString(), ColorScheme = ColorScheme.Light });
        var door = await signIn.NewPageAsync();
        await door.GotoAsync("/sign-in/");
        await door.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(door.Locator("#problem")).ToBeVisibleAsync();

        await Expect(door.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        Contrast.AssertAtLeast(Contrast.Words, "on the light sign-in page", await Contrast.OfWordsAsync(door, SignInWords));
        await Expect(door.Locator("body")).ToHaveCSSAsync("background-color", "rgb(255, 255, 255)");
        await door.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Expect(door.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        Contrast.AssertAtLeast(Contrast.Words, "on the dark sign-in page", await Contrast.OfWordsAsync(door, SignInWords));

        var scene = await Scene.OpenAsync(host, "theme-access");
        await host.Access.AddPersonAsync("Sgt Lumen", "observer");
        await using var access = await Dashboard.OpenPageAsync(host, "/access/", actor: "Admin Sol", roles: ["admin"], width: 1366, height: 768);
        var page = access.Page;
        await Expect(page.Locator("body[data-ready]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#people tr[data-person='Sgt Lumen']")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        await Expect(page.Locator("#add-person .problem")).ToBeVisibleAsync();
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Light" });
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        Contrast.AssertAtLeast(Contrast.Words, "on the dark access page", await Contrast.OfWordsAsync(page, AccessWords));

        await toggle.ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(255, 255, 255)");
        var light = await Contrast.OfWordsAsync(page, AccessWords);
        Contrast.AssertAtLeast(Contrast.Words, "on the light access page", light);
        Assert.Equal(AccessWords.Count, light.Count);
        await access.ScreenshotAsync("access-light.png");

        // The choice is the browser's: the dashboard opened from here is light too.
        await page.GotoAsync($"/?incident={Uri.EscapeDataString(scene.IncidentId)}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        OnlyRefused(access, 400);
    }

    private static void AssertReadable(string theme, Dictionary<string, double> contrasts)
    {
        Contrast.AssertAtLeast(Contrast.Words, $"in the {theme} page", contrasts);
        Assert.Equal(Words.Count, contrasts.Count);
    }
}
