using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>A light page for a sunlit dispatch room or a projector, as readable as the dark one.</summary>
public sealed partial class LiveDashboardTests
{
    // For each word the dispatcher acts on, its colour against what is behind it (the first ancestor with a background
    // of its own), as WCAG's contrast ratio.
    private const string Contrasts =
        """
        selectors => {
          const rgb = c => (c.match(/[\d.]+/g) ?? []).map(Number);
          const lum = ([r, g, b]) => [r, g, b].map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
          const behind = e => {
            for (let at = e; at; at = at.parentElement) {
              const c = rgb(getComputedStyle(at).backgroundColor);
              if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
            }
            return [255, 255, 255];
          };
          return Object.fromEntries(Object.entries(selectors).map(([name, selector]) => {
            const e = document.querySelector(selector);
            if (!e) return [name, 0];
            const [a, b] = [lum(rgb(getComputedStyle(e).color)), lum(behind(e))];
            return [name, Math.round((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) * 100) / 100];
          }));
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
        AssertReadable("dark", await page.EvaluateAsync<Dictionary<string, double>>(Contrasts, Words));

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });

        await Expect(root).ToHaveAttributeAsync("data-theme", "light");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        AssertReadable("light", await page.EvaluateAsync<Dictionary<string, double>>(Contrasts, Words));
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

    private static void AssertReadable(string theme, Dictionary<string, double> contrasts)
    {
        var poor = contrasts.Where(c => c.Value < 4.5).Select(c => $"{c.Key} {c.Value}:1").ToArray();
        Assert.True(poor.Length == 0, $"in the {theme} page, below WCAG AA's 4.5:1: {string.Join(", ", poor)}");
        Assert.Equal(Words.Count, contrasts.Count);
    }
}
