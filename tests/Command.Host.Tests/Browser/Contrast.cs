using Microsoft.Playwright;

namespace Command.Host.Tests.Browser;

/// <summary>
/// WCAG contrast ratios read off a page: words (their colour) and lines (a border's colour, as a chart's legend marks a
/// line, or a mark's fill) against what is behind them, the first ancestor with a background of its own.
/// </summary>
internal static class Contrast
{
    /// <summary>Words and text of state need 4.5:1 (WCAG AA).</summary>
    public const double Words = 4.5;

    /// <summary>Lines and marks that carry meaning need 3:1 (WCAG's non-text contrast).</summary>
    public const double Lines = 3;

    private const string Script =
        """
        ([selectors, property, every]) => {
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
          const ratio = e => {
            // A word is read against its own background where it has one; a line's mark against what it is drawn on.
            const [a, b] = [lum(rgb(getComputedStyle(e)[property])), lum(behind(property === 'color' ? e : e.parentElement ?? e))];
            return Math.round((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) * 100) / 100;
          };
          return Object.fromEntries(Object.entries(selectors).flatMap(([name, selector]) => {
            const found = every ? [...document.querySelectorAll(selector)] : [document.querySelector(selector)].filter(Boolean);
            return found.length === 0 ? [[name, 0]] : found.map((e, i) => [found.length === 1 ? name : `${name} ${i + 1}`, ratio(e)]);
          }));
        }
        """;

    /// <summary>The words of the first element each selector matches against what is behind them (0 where none matches).</summary>
    public static Task<Dictionary<string, double>> OfWordsAsync(IPage page, IReadOnlyDictionary<string, string> selectors) =>
        page.EvaluateAsync<Dictionary<string, double>>(Script, new object[] { selectors, "color", false });

    /// <summary>The border (a line's mark) of every element each selector matches, named apart, against what it is drawn on.</summary>
    public static Task<Dictionary<string, double>> OfLinesAsync(IPage page, IReadOnlyDictionary<string, string> selectors) =>
        page.EvaluateAsync<Dictionary<string, double>>(Script, new object[] { selectors, "borderTopColor", true });

    /// <summary>The fill of every element each selector matches (a mark drawn as a shape), named apart, against what it is drawn on.</summary>
    public static Task<Dictionary<string, double>> OfFillsAsync(IPage page, IReadOnlyDictionary<string, string> selectors) =>
        page.EvaluateAsync<Dictionary<string, double>>(Script, new object[] { selectors, "backgroundColor", true });

    /// <summary>Fails naming every contrast below <paramref name="least"/>, and any name that found nothing (0).</summary>
    public static void AssertAtLeast(double least, string where, IReadOnlyDictionary<string, double> contrasts)
    {
        var poor = contrasts.Where(c => c.Value < least).Select(c => $"{c.Key} {c.Value}:1").ToArray();
        Assert.True(poor.Length == 0, $"{where}, below {least}:1: {string.Join(", ", poor)}");
    }
}
