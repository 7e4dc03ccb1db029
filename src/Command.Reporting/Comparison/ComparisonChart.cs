using System.Globalization;
using System.Text;
using Command.Domain.AfterAction;
using static System.Net.WebUtility;

namespace Command.Reporting.Comparison;

/// <summary>
/// The comparison's plot: each matched unit's time to contact, one bar per run side by side (a unit that never reached
/// the threat gets a hatched stub marked "none"), drawn as inline SVG with the run named under its colour.
/// </summary>
public static class ComparisonChart
{
    private const int Width = 760;
    private const int Left = 120;
    private const int Right = 16;
    private const int RowHeight = 26;
    private static readonly string[] Colours = ["#0b3d91", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e"];

    /// <summary>Most units drawn: the plot stays readable; the table holds them all. 30.</summary>
    public const int MaxUnits = 30;

    public static string Svg(RunComparison comparison)
    {
        var units = comparison.Units.Where(u => u.Runs.Any(r => r is not null)).Take(MaxUnits).ToList();
        var runs = comparison.Runs.Length;
        var max = Math.Max(1, units.SelectMany(u => u.Runs).Select(r => r?.TimeToContactS ?? 0).DefaultIfEmpty(0).Max());
        var legend = 22;
        var height = legend + (units.Count * RowHeight) + 24;
        var bar = Math.Max(3.0, (RowHeight - 6.0) / Math.Max(1, runs));
        var svg = new StringBuilder(Inv($"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"Time to contact per unit, run by run\">"));
        for (var r = 0; r < runs; r++)
        {
            var x = Left + (r * 170);
            svg.Append(Inv($"<rect x=\"{x}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{Colours[r % Colours.Length]}\"/>"))
                .Append(Inv($"<text class=\"tick\" x=\"{x + 16}\" y=\"14\">run {r + 1}: {HtmlEncode(comparison.Runs[r].IncidentId)}</text>"));
        }

        var plotWidth = Width - Left - Right;
        for (var i = 0; i < units.Count; i++)
        {
            var top = legend + (i * RowHeight);
            svg.Append(Inv($"<text class=\"row end\" x=\"{Left - 6}\" y=\"{top + (RowHeight / 2) + 4}\">{HtmlEncode(units[i].Key)}</text>"));
            for (var r = 0; r < runs; r++)
            {
                var y = top + 3 + (r * bar);
                if (units[i].Runs[r] is not { } figures)
                {
                    continue;
                }

                if (figures.TimeToContactS is { } s)
                {
                    svg.Append(Inv($"<rect x=\"{Left}\" y=\"{y:F1}\" width=\"{Math.Max(1, s / max * plotWidth):F1}\" height=\"{bar - 1:F1}\" fill=\"{Colours[r % Colours.Length]}\"><title>{HtmlEncode(units[i].Key)} run {r + 1}: {Durations.Clock(s)} to contact</title></rect>"));
                }
                else
                {
                    svg.Append(Inv($"<text class=\"tick\" x=\"{Left + 2}\" y=\"{y + bar - 1:F1}\">none</text>"));
                }
            }
        }

        var axis = legend + (units.Count * RowHeight) + 2;
        svg.Append(Inv($"<line class=\"axis\" x1=\"{Left}\" y1=\"{axis}\" x2=\"{Width - Right}\" y2=\"{axis}\"/>"))
            .Append(Inv($"<text class=\"tick\" x=\"{Left}\" y=\"{axis + 16}\">0:00</text>"))
            .Append(Inv($"<text class=\"tick end\" x=\"{Width - Right}\" y=\"{axis + 16}\">{Durations.Clock(max)} to contact</text>"))
            .Append("</svg>");
        return svg.ToString();
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
