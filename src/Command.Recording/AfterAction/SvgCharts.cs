using System.Globalization;
using System.Text;
using Command.Domain.AfterAction;
using Command.Domain.Assessment;
using static System.Net.WebUtility;

namespace Command.Recording.AfterAction;

/// <summary>Inline SVG plots drawn by hand, so the report opens offline with no scripts or fonts.</summary>
public static class SvgCharts
{
    /// <summary>The style of the classes these plots use: a page that shows them, or an SVG that stands alone, includes it.</summary>
    public const string Style = """
        .line{fill:none;stroke:#0b3d91;stroke-width:2}.axis{stroke:#444}
        .alert{fill:#f4b6b6}.watch{fill:#fde7a6}.band{font-size:11px;font-weight:bold;fill:#600}
        .tick,.row{font-size:12px;fill:#222}.end{text-anchor:end}
        .threat-phase{fill:#222}.flag-raised{fill:#b00020}.flag-escalated{fill:#7a0016}.flag-acknowledged{fill:#0a7d32}.flag-cleared{fill:#555}
        .drill-started-over{stroke:#555;stroke-width:1.5}
        """;

    private const int Width = 760;
    private const int Left = 56;
    private const int Right = 12;
    private const int MaxPoints = 400;

    /// <summary>One unit's distance to the threat over the session, its flag spans shaded and labelled.</summary>
    public static string Distance(string unitId, IReadOnlyList<DistanceSample> samples, IEnumerable<FlagSpan> flags, DateTimeOffset start, DateTimeOffset end)
    {
        const int height = 150, top = 10, bottom = 24;
        var max = Math.Max(1, samples.Max(s => s.DistanceM));
        var x = Scale(start, end);
        double Y(double d) => top + ((height - top - bottom) * (1 - (d / max)));
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"Distance to threat for {HtmlEncode(unitId)}\">"));
        foreach (var f in flags)
        {
            var x0 = x(f.Raised);
            var x1 = x(f.Cleared ?? end);
            var alert = f.Level == FlagLevel.Alert;
            svg.Append(Inv($"<rect x=\"{x0:F1}\" y=\"{top}\" width=\"{Math.Max(1, x1 - x0):F1}\" height=\"{height - top - bottom}\" class=\"{(alert ? "alert" : "watch")}\"><title>{HtmlEncode(f.Reason)}</title></rect>"));
            svg.Append(Inv($"<text x=\"{x0 + 2:F1}\" y=\"{top + 12}\" class=\"band\">{(alert ? "ALERT" : "WATCH")}</text>"));
        }

        var step = Math.Max(1, samples.Count / MaxPoints);
        var points = string.Join(' ', samples.Where((_, i) => i % step == 0 || i == samples.Count - 1).Select(s => Inv($"{x(s.Time):F1},{Y(s.DistanceM):F1}")));
        svg.Append(Inv($"<polyline points=\"{points}\" class=\"line\"/>"));
        Axes(svg, start, end, height - bottom, top, Inv($"{max:F0} m"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Flags, acknowledgements and threat phases on one time axis, one row each, shapes paired with words.</summary>
    public static string Timeline(IReadOnlyList<TimelineMark> marks, DateTimeOffset start, DateTimeOffset end)
    {
        string[] rows = ["threat-phase", "flag-raised", "flag-escalated", "flag-acknowledged", "flag-cleared"];
        const int rowHeight = 26, top = 8;
        var height = top + (rows.Length * rowHeight) + 24;
        var x = Scale(start, end);
        var svg = new StringBuilder(Inv($"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"Timeline of flags, acknowledgements and threat phases\">"));
        for (var r = 0; r < rows.Length; r++)
        {
            var y = top + (r * rowHeight) + (rowHeight / 2);
            svg.Append(Inv($"<text x=\"2\" y=\"{y + 4}\" class=\"row\">{rows[r].Replace("flag-", "", StringComparison.Ordinal)}</text>"));
            foreach (var m in marks.Where(m => m.Kind == rows[r]))
            {
                svg.Append(Inv($"<g class=\"{m.Kind}\"><title>{HtmlEncode($"{AfterActionCsv.Time(m.Time)} {m.Subject}: {m.Text}")}</title>{Shape(m.Kind, x(m.Time), y)}</g>"));
            }
        }

        // A looping drill's rounds: a rule across every row where the drill started over.
        foreach (var m in marks.Where(m => m.Kind == "drill-started-over"))
        {
            svg.Append(Inv($"<g class=\"{m.Kind}\"><title>{HtmlEncode($"{AfterActionCsv.Time(m.Time)} {m.Text}")}</title><line x1=\"{x(m.Time):F1}\" y1=\"{top}\" x2=\"{x(m.Time):F1}\" y2=\"{height - 24}\" stroke-dasharray=\"4 3\"/></g>"));
        }

        Axes(svg, start, end, height - 24, top, "");
        return svg.Append("</svg>").ToString();
    }

    private static string Shape(string kind, double x, double y) => kind switch
    {
        "threat-phase" => Inv($"<path d=\"M{x:F1} {y - 7} l7 7 l-7 7 l-7 -7 z\"/>"),
        "flag-raised" or "flag-escalated" => Inv($"<path d=\"M{x:F1} {y - 7} l7 13 h-14 z\"/>"),
        "flag-acknowledged" => Inv($"<circle cx=\"{x:F1}\" cy=\"{y}\" r=\"6\"/>"),
        _ => Inv($"<rect x=\"{x - 5:F1}\" y=\"{y - 5}\" width=\"10\" height=\"10\"/>"),
    };

    private static void Axes(StringBuilder svg, DateTimeOffset start, DateTimeOffset end, int baseline, int top, string maxLabel)
    {
        svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{baseline}\" x2=\"{Width - Right}\" y2=\"{baseline}\" class=\"axis\"/>"));
        svg.Append(Inv($"<text x=\"{Left}\" y=\"{baseline + 16}\" class=\"tick\">0:00</text>"));
        svg.Append(Inv($"<text x=\"{Width - Right}\" y=\"{baseline + 16}\" class=\"tick end\">{Clock(end - start)}</text>"));
        if (maxLabel.Length > 0)
        {
            svg.Append(Inv($"<text x=\"{Left - 4}\" y=\"{top + 10}\" class=\"tick end\">{maxLabel}</text><text x=\"{Left - 4}\" y=\"{baseline}\" class=\"tick end\">0 m</text>"));
        }
    }

    private static Func<DateTimeOffset, double> Scale(DateTimeOffset start, DateTimeOffset end)
    {
        var span = Math.Max(1, (end - start).TotalSeconds);
        return t => Left + ((Width - Left - Right) * Math.Clamp((t - start).TotalSeconds / span, 0, 1));
    }

    /// <summary>A span as every document prints it (<see cref="Durations"/>).</summary>
    public static string Clock(TimeSpan span) => Durations.Clock(span);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
