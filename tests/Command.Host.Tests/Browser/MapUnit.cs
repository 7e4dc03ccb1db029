using System.Text.Json;
using Microsoft.Playwright;

namespace Command.Host.Tests.Browser;

/// <summary>
/// One unit as the map's canvas shows it: what the painter says it drew (position, state, flag, label words) and the
/// colour of the canvas's pixel at the unit's centre. Expectations wait for the page to catch up, as Playwright's do.
/// </summary>
public sealed class MapUnit(IPage page, string unitId)
{
    private const string Drawn = "id => window.commandPage?.mapView.units.drawn(id) ?? null";

    /// <summary>Waits until the drawn unit's <paramref name="property"/> (lat, lon, state, flag, label, tag) reads <paramref name="expected"/>.</summary>
    public Task ToShowAsync(string property, string? expected) =>
        WaitAsync($"([id, key, value]) => {{ const d = window.commandPage?.mapView.units.drawn(id); return d != null && (d[key] ?? null) === value; }}",
            new object?[] { unitId, property, expected }, $"{property} = {expected ?? "null"}");

    public Task ToBeDrawnAsync() =>
        WaitAsync("id => window.commandPage?.mapView.units.drawn(id) != null", unitId, "drawn");

    public Task ToBeAbsentAsync() =>
        WaitAsync("id => window.commandPage != null && window.commandPage.mapView.units.drawn(id) == null", unitId, "not drawn");

    public async Task<JsonElement> DrawnAsync() => await page.EvaluateAsync<JsonElement>(Drawn, unitId);

    /// <summary>The colour of the canvas where the unit's symbol is centred, as CSS writes it ("rgb(255, 194, 51)").</summary>
    public Task<string> CentreColourAsync() => page.EvaluateAsync<string>(
        """
        id => {
          const d = window.commandPage.mapView.units.drawn(id);
          const canvas = document.querySelector('.unit-canvas');
          const map = document.getElementById('map').getBoundingClientRect();
          const box = canvas.getBoundingClientRect();
          const ratio = canvas.width / box.width;
          const x = Math.round((map.left + d.x - box.left) * ratio);
          const y = Math.round((map.top + d.y - box.top) * ratio);
          const [r, g, b] = canvas.getContext('2d').getImageData(x, y, 1, 1).data;
          return `rgb(${r}, ${g}, ${b})`;
        }
        """, unitId);

    /// <summary>
    /// The colour the screen shows where the unit's symbol is centred, as CSS writes it: what is painted over it (the
    /// threat's marker, say) as much as the unit itself.
    /// </summary>
    public async Task<string> ScreenColourAsync()
    {
        var at = await DrawnAsync();
        var map = await page.Locator("#map").BoundingBoxAsync();
        var shot = Convert.ToBase64String(await page.ScreenshotAsync());
        return await page.EvaluateAsync<string>(
            """
            async ([png, x, y]) => {
              const image = new Image();
              image.src = `data:image/png;base64,${png}`;
              await image.decode();
              const canvas = document.createElement('canvas');
              [canvas.width, canvas.height] = [image.width, image.height];
              const ctx = canvas.getContext('2d');
              ctx.drawImage(image, 0, 0);
              const [r, g, b] = ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data;
              return `rgb(${r}, ${g}, ${b})`;
            }
            """, new object[] { shot, map!.X + at.GetProperty("x").GetDouble(), map.Y + at.GetProperty("y").GetDouble() });
    }

    private async Task WaitAsync(string predicate, object? argument, string what)
    {
        try
        {
            await page.WaitForFunctionAsync(predicate, argument, new() { Timeout = DashboardHost.ExpectTimeoutMs });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"map unit {unitId} never showed {what}; it shows {(await DrawnAsync()).GetRawText()}");
        }
    }
}
