using System.Globalization;
using System.Text;
using Command.Domain.AfterAction;
using static System.Net.WebUtility;

namespace Command.Reporting.Comparison;

/// <summary>
/// The comparison's plot: each matched unit's time to contact, one bar per run side by side (a unit that never reached
/// the threat gets "none" in its run's place), drawn as inline SVG with each run named under its colour, one to a line.
/// </summary>
/// <remarks>
/// Laid out so that no two labels meet and none runs off the plot, whatever the names: the units' column is as wide as
/// their longest name needs (within <see cref="MaxKeyPx"/>), each run's bar has a line of text's height, and a name too
/// long for its room is cut with an ellipsis, whole in its tooltip. Widths are reckoned from the characters, generously,
/// as no font is measured here.
/// </remarks>
public static class ComparisonChart
{
    private const int Width = 760;
    private const int Right = 16;
    private const int Gap = 8;
    private static readonly string[] Colours = ["#0b3d91", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e"];

    // The plots' type is 12 px (SvgCharts.Style's .tick and .row); a line of it stands about 14 px, so each run's bar
    // and legend line has 16. At 26 px a row, two runs' "none" stood 10 px apart and ran into each other.
    private const double FontPx = 12;
    private const int LinePx = 16;

    /// <summary>Most units drawn: the plot stays readable; the table holds them all. 30.</summary>
    public const int MaxUnits = 30;

    /// <summary>Widest the units' column grows for a long name before the name is cut: 240 px of the 760.</summary>
    public const int MaxKeyPx = 240;

    public static string Svg(RunComparison comparison)
    {
        var units = comparison.Units.Where(u => u.Runs.Any(r => r is not null)).Take(MaxUnits).ToList();
        var runs = comparison.Runs.Length;
        var max = Math.Max(1, units.SelectMany(u => u.Runs).Select(r => r?.TimeToContactS ?? 0).DefaultIfEmpty(0).Max());
        var left = Math.Clamp((int)Math.Ceiling(units.Select(u => TextPx(Shown(u.Key))).DefaultIfEmpty(0).Max()) + (2 * Gap), 60, MaxKeyPx);
        var legend = (runs * LinePx) + Gap;
        var row = Math.Max(26, (runs * LinePx) + 6);
        var axis = legend + (units.Count * row) + 2;
        var height = axis + 24;
        var svg = new StringBuilder(Inv($"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"Time to contact per unit, run by run\">"));
        for (var r = 0; r < runs; r++)
        {
            var top = 4 + (r * LinePx);
            svg.Append(Inv($"<rect x=\"{Gap}\" y=\"{top + 1}\" width=\"12\" height=\"12\" fill=\"{Colours[r % Colours.Length]}\"/>"));
            Label(svg, $"run {r + 1}: {comparison.Runs[r].IncidentId}", "tick", Gap + 16, top + 12, Width - Right - Gap - 16);
        }

        var plotWidth = Width - left - Right;
        for (var i = 0; i < units.Count; i++)
        {
            var top = legend + (i * row);
            Label(svg, units[i].Key, "row end", left - Gap, top + (row / 2) + 4, left - (2 * Gap));
            for (var r = 0; r < runs; r++)
            {
                var y = top + 3 + (r * LinePx);
                if (units[i].Runs[r] is not { } figures)
                {
                    continue;
                }

                if (figures.TimeToContactS is { } s)
                {
                    svg.Append(Inv($"<rect x=\"{left}\" y=\"{y}\" width=\"{Math.Max(1, s / max * plotWidth):F1}\" height=\"{LinePx - 3}\" fill=\"{Colours[r % Colours.Length]}\"><title>{Text(units[i].Key)} run {r + 1}: {Durations.Clock(s)} to contact</title></rect>"));
                }
                else
                {
                    svg.Append(Inv($"<text class=\"tick\" x=\"{left + 2}\" y=\"{y + 11}\">none<title>{Text(units[i].Key)} run {r + 1}: never reached the threat</title></text>"));
                }
            }
        }

        svg.Append(Inv($"<line class=\"axis\" x1=\"{left}\" y1=\"{axis}\" x2=\"{Width - Right}\" y2=\"{axis}\"/>"))
            .Append(Inv($"<text class=\"tick\" x=\"{left}\" y=\"{axis + 16}\">0:00</text>"))
            .Append(Inv($"<text class=\"tick end\" x=\"{Width - Right}\" y=\"{axis + 16}\">{Durations.Clock(max)} to contact</text>"))
            .Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// How wide <paramref name="text"/> stands at the plots' 12 px, reckoned high (each letter at least as wide as in DejaVu
    /// Sans, Debian's sans-serif, whose letters are wider than most faces'): M and W at a whole em, as letters of other
    /// scripts, capitals at most four fifths, lower case and digits two thirds, narrow letters, spaces and stops less.
    /// </summary>
    public static double TextPx(string text)
    {
        var ems = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            ems += rune.Value switch
            {
                'M' or 'W' or 'm' or 'w' or '@' or '%' => 1.0,
                'C' or 'D' or 'G' or 'H' or 'N' or 'O' or 'Q' or 'U' or '&' => 0.8,
                >= 'A' and <= 'Z' => 0.72,
                ' ' or '.' or ',' or ':' or ';' or '\'' or '!' or '|' or 'f' or 'i' or 'j' or 'l' or 'r' or 't' or '(' or ')' or '[' or ']' or '-' => 0.45,
                >= 'a' and <= 'z' or >= '0' and <= '9' => 0.65,
                < 0x80 => 0.8,
                _ => 1.0,
            };
        }

        return ems * FontPx;
    }

    // A label cut with an ellipsis where it would pass its room, whole in its tooltip.
    private static void Label(StringBuilder svg, string text, string css, int x, int y, int roomPx)
    {
        var shown = Shown(text);
        var cut = shown;
        for (var take = shown.Length; take > 0 && TextPx(cut) > roomPx;)
        {
            // Never between the halves of a character drawn from two (an emoji, a letter of a script beyond the first plane).
            take -= take > 1 && char.IsLowSurrogate(shown[take - 1]) ? 2 : 1;
            cut = string.Concat(shown.AsSpan(0, take).TrimEnd(), "…");
        }

        svg.Append(Inv($"<text class=\"{css}\" x=\"{x}\" y=\"{y}\">{HtmlEncode(cut)}"))
            .Append(cut == shown ? "" : $"<title>{HtmlEncode(shown)}</title>")
            .Append("</text>");
    }

    // Text as an SVG document can carry it: a character XML cannot hold (a control character typed into a mapped name, half
    // of a broken pair) would leave the whole plot unreadable to anything that parses it, a page or Word.
    private static string Shown(string text)
    {
        var shown = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            shown.Append(rune.Value is '\t' or '\n' or '\r' or (>= ' ' and not (0xFFFE or 0xFFFF)) ? rune.ToString() : "\uFFFD");
        }

        return shown.ToString();
    }

    private static string Text(string text) => HtmlEncode(Shown(text));

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
