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
        .line{fill:none;stroke:#0b3d91;stroke-width:2}.dot{fill:#0b3d91}.axis{stroke:#444}
        .alert{fill:#f4b6b6}.watch{fill:#fde7a6}.band{font-size:11px;font-weight:bold;fill:#600}.unheard{fill:#e2e2e2}.unheard-word{font-size:11px;fill:#444}
        .tick,.row{font-size:12px;fill:#222}.end{text-anchor:end}.mid{text-anchor:middle}.grid{stroke:#ddd;stroke-width:1}
        .threat-phase{fill:#222}.flag-raised{fill:#b00020}.flag-escalated{fill:#7a0016}.flag-acknowledged{fill:#0a7d32}.flag-cleared{fill:#555}
        .alarm-raised{fill:#b00020;stroke:#000;stroke-width:1}.alarm-cancelled{fill:#fff;stroke:#b00020;stroke-width:2}
        .source-down{fill:#555;stroke:#000;stroke-width:1}.source-back{fill:#fff;stroke:#555;stroke-width:2}.host-left{fill:#000}
        .marker-deleted{fill:#fff;stroke:#222;stroke-width:2}.marker-sighted{fill:#fff;stroke:#b00020;stroke-width:2;stroke-dasharray:3 2}
        .drill-started-over{stroke:#555;stroke-width:1.5}
        """;

    private const int Width = 760;
    // Room on the left for the timeline's row names ("acknowledged" at 12 px) and the distance labels: the plots share
    // one time axis, so a moment lines up down the page. At 56 px the first marks sat on "threat-phase".
    private const int Left = 100;
    private const int Right = 12;
    private const int MaxPoints = 400;

    /// <summary>
    /// One unit's distance to the threat over the session, its flag spans shaded and labelled, and a dashed rule where
    /// the drill started over (from <paramref name="timeline"/>), where its line breaks: its units were put back where
    /// they began, and a line across drew them walking there. <paramref name="unitName"/> is the unit as its readers know
    /// it (<see cref="AfterActionReport.Named"/>), for the chart's label. Its time runs as <paramref name="elapsed"/>
    /// says (see <see cref="Timeline"/>). Where the unit went unheard (<paramref name="unheard"/>: its host down, or its
    /// device silent) the plot is shaded grey and says why on hover: the line's break alone read as a gap in the drawing.
    /// </summary>
    public static string Distance(string unitName, IReadOnlyList<DistanceSample> samples, IEnumerable<FlagSpan> flags, DateTimeOffset start, DateTimeOffset end,
        IEnumerable<TimelineMark>? timeline = null, Func<DateTimeOffset, DateTimeOffset, TimeSpan>? elapsed = null, IEnumerable<FixesLost>? unheard = null)
    {
        elapsed ??= Straight;
        var startedOver = (timeline ?? []).Where(m => m.Kind == StartedOver).Select(m => m.Time).ToList();
        const int height = 150, top = 10, bottom = 24;
        var furthest = samples.Max(s => s.DistanceM);
        var step = DistanceStep(furthest);
        var max = step * Math.Max(1, Math.Ceiling(furthest / step));
        var x = Scale(start, end, elapsed);
        double Y(double d) => top + ((height - top - bottom) * (1 - (d / max)));
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"Distance to threat for {HtmlEncode(unitName)}\">"));
        foreach (var lost in unheard ?? [])
        {
            var (x0, x1) = (x(lost.LastHeard), x(lost.HeardAgain ?? end));
            svg.Append(Inv($"<rect x=\"{x0:F1}\" y=\"{top}\" width=\"{Math.Max(1, x1 - x0):F1}\" height=\"{height - bottom - top}\" class=\"unheard\"><title>{HtmlEncode(lost.Why)}</title></rect>"));
            if (x1 - x0 >= UnheardLabelPx)
            {
                svg.Append(Inv($"<text x=\"{x0 + 2:F1}\" y=\"{height - bottom - 4}\" class=\"unheard-word\">unheard</text>"));
            }
        }

        foreach (var f in flags)
        {
            // A watch that became an alert is shaded as each for as long as it was: the grace a unit had before its
            // alert is what an after-action team asks about.
            var cleared = f.Cleared ?? end;
            if (f.Escalated is { } escalated)
            {
                // The watch's word only where it fits before the alert's, which would otherwise print over it.
                Band(svg, x(f.Raised), x(escalated), FlagLevel.Watch, f.Reason, top, height - bottom, labelled: x(escalated) - x(f.Raised) >= BandLabelPx);
                Band(svg, x(escalated), x(cleared), f.Level, f.Reason, top, height - bottom);
            }
            else
            {
                Band(svg, x(f.Raised), x(cleared), f.Level, f.Reason, top, height - bottom);
            }
        }

        // The grid over the flag bands, under the line.
        TimeGrid(svg, start, end, elapsed, top, height - bottom);
        for (var d = step; d <= max; d += step)
        {
            svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{Y(d):F1}\" x2=\"{Width - Right}\" y2=\"{Y(d):F1}\" class=\"grid\"/><text x=\"{Left - 4}\" y=\"{Y(d) + 4:F1}\" class=\"tick end\">{d:F0} m</text>"));
        }

        var every = Math.Max(1, samples.Count / MaxPoints);
        foreach (var at in startedOver)
        {
            svg.Append(Inv($"<line x1=\"{x(at):F1}\" y1=\"{top}\" x2=\"{x(at):F1}\" y2=\"{height - bottom}\" class=\"{StartedOver}\" stroke-dasharray=\"4 3\"/>"));
        }

        foreach (var run in Runs(samples, startedOver))
        {
            var kept = Thin(run, every);
            if (kept.Count == 1)
            {
                // One report between silences: a dot, as a line of one point draws nothing.
                svg.Append(Inv($"<circle cx=\"{x(kept[0].Time):F1}\" cy=\"{Y(kept[0].DistanceM):F1}\" r=\"2\" class=\"dot\"/>"));
                continue;
            }

            var points = string.Join(' ', kept.Select(s => Inv($"{x(s.Time):F1},{Y(s.DistanceM):F1}")));
            svg.Append(Inv($"<polyline points=\"{points}\" class=\"line\"/>"));
        }
        Axes(svg, start, end, elapsed, height - bottom, distanceAxis: true);
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// A run of samples thinned to about one in <paramref name="every"/>: each stretch of twice that many keeps its nearest
    /// and its furthest sample, in time order, and the run keeps its first and last. Keeping every n-th sample dropped a
    /// unit's closest pass to the threat (a 30-minute drill keeps one fix in four): the plot's nearest point read tens of
    /// metres off the closest approach the table beside it gave.
    /// </summary>
    private static List<DistanceSample> Thin(List<DistanceSample> run, int every)
    {
        if (every == 1 || run.Count <= 2)
        {
            return run;
        }

        var kept = new List<DistanceSample> { run[0] };
        for (var i = 1; i < run.Count - 1; i += 2 * every)
        {
            var stretch = run.GetRange(i, Math.Min(2 * every, run.Count - 1 - i));
            var (near, far) = (stretch.MinBy(s => s.DistanceM)!, stretch.MaxBy(s => s.DistanceM)!);
            kept.AddRange(near == far ? [near] : near.Time <= far.Time ? [near, far] : [far, near]);
        }

        kept.Add(run[^1]);
        return kept;
    }

    private static void Band(StringBuilder svg, double x0, double x1, FlagLevel level, string reason, int top, int baseline, bool labelled = true)
    {
        var alert = level == FlagLevel.Alert;
        svg.Append(Inv($"<rect x=\"{x0:F1}\" y=\"{top}\" width=\"{Math.Max(1, x1 - x0):F1}\" height=\"{baseline - top}\" class=\"{(alert ? "alert" : "watch")}\"><title>{HtmlEncode(reason)}</title></rect>"));
        if (labelled)
        {
            svg.Append(Inv($"<text x=\"{x0 + 2:F1}\" y=\"{top + 12}\" class=\"band\">{(alert ? "ALERT" : "WATCH")}</text>"));
        }
    }

    // Room a band's word takes ("WATCH" in 11 px bold) and a gap; and "unheard", in 11 px.
    private const double BandLabelPx = 44;
    private const double UnheardLabelPx = 50;

    /// <summary>
    /// The samples in runs, broken where the unit fell silent — a gap longer than <see cref="SilentGapS"/> and than
    /// <see cref="SilentGapIntervals"/> of its usual interval between samples — and where the drill started over. A line
    /// across either drew a walk nobody made: an officer at the threat when the host went down for ten minutes read as
    /// walking 500 m away.
    /// </summary>
    private static IEnumerable<List<DistanceSample>> Runs(IReadOnlyList<DistanceSample> samples, List<DateTimeOffset> startedOver)
    {
        var gaps = samples.Zip(samples.Skip(1), (a, b) => (b.Time - a.Time).TotalSeconds).Order().ToList();
        var usual = gaps.Count == 0 ? 0 : gaps[gaps.Count / 2];
        var silent = Math.Max(SilentGapS, SilentGapIntervals * usual);
        var run = new List<DistanceSample>();
        foreach (var sample in samples)
        {
            if (run.Count > 0 && ((sample.Time - run[^1].Time).TotalSeconds > silent || startedOver.Exists(at => at > run[^1].Time && at <= sample.Time)))
            {
                yield return run;
                run = [];
            }

            run.Add(sample);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private const string StartedOver = "drill-started-over";
    private const double SilentGapS = 120;
    private const double SilentGapIntervals = 4;

    /// <summary>
    /// Flags, acknowledgements, units' own alerts from their devices and threat phases on one time axis, one row each,
    /// shapes paired with words; each mark's subject in its words as <paramref name="named"/> names it (its id where
    /// none is given). Its time runs as <paramref name="elapsed"/> says from one instant to another (the incident's clock
    /// where none is given): on a drill played faster or slower, or paused, the drill's time, as the tables give its
    /// durations (<see cref="AfterActionReport.Elapsed"/>).
    /// </summary>
    public static string Timeline(IReadOnlyList<TimelineMark> marks, DateTimeOffset start, DateTimeOffset end, Func<string, string>? named = null,
        Func<DateTimeOffset, DateTimeOffset, TimeSpan>? elapsed = null, SiteClock? clock = null)
    {
        named ??= id => id;
        // A mark's time on hover, as the tables give times of day: the site's beside UTC ("09:00:49 (15:00:49 UTC)").
        string When(DateTimeOffset t) => clock is null ? AfterActionCsv.Time(t) : clock.Both(t);
        elapsed ??= Straight;
        (string Name, string[] Kinds)[] rows =
        [
            ("threat-phase", ["threat-phase", "marker-deleted", "marker-sighted"]), ("unit alert", ["alarm-raised", "alarm-cancelled"]), ("raised", ["flag-raised"]),
            ("escalated", ["flag-escalated"]), ("acknowledged", ["flag-acknowledged"]), ("cleared", ["flag-cleared"]),
            ("source", ["source-down", "source-throttled", "source-back", "host-left", "recording-interrupted"]),
        ];
        const int rowHeight = 26, top = 8;
        var height = top + (rows.Length * rowHeight) + 24;
        var x = Scale(start, end, elapsed);
        var svg = new StringBuilder(Inv($"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"Timeline of flags, acknowledgements, units' own alerts and threat phases\">"));
        TimeGrid(svg, start, end, elapsed, top, height - 24);
        for (var r = 0; r < rows.Length; r++)
        {
            var y = top + (r * rowHeight) + (rowHeight / 2);
            svg.Append(Inv($"<text x=\"2\" y=\"{y + 4}\" class=\"row\">{rows[r].Name}</text>"));
            foreach (var m in marks.Where(m => rows[r].Kinds.Contains(m.Kind)))
            {
                var subject = named(m.Subject);
                svg.Append(Inv($"<g class=\"{m.Kind}\"><title>{HtmlEncode($"{When(m.Time)} {subject}: {AfterActionWords.ReasonAfter(subject, m.Text)}")}</title>{Shape(m.Kind, x(m.Time), y)}</g>"));
            }
        }

        // A looping drill's rounds: a rule across every row where the drill started over.
        foreach (var m in marks.Where(m => m.Kind == StartedOver))
        {
            svg.Append(Inv($"<g class=\"{m.Kind}\"><title>{HtmlEncode($"{When(m.Time)} {m.Text}")}</title><line x1=\"{x(m.Time):F1}\" y1=\"{top}\" x2=\"{x(m.Time):F1}\" y2=\"{height - 24}\" stroke-dasharray=\"4 3\"/></g>"));
        }

        Axes(svg, start, end, elapsed, height - 24, distanceAxis: false);
        return svg.Append("</svg>").ToString();
    }

    private static string Shape(string kind, double x, double y) => kind switch
    {
        // The threat's marker deleted on a device is a hollow diamond on its row: the threat stood, its marker gone.
        // A new hostile marker sighted while it was contained is a dashed one: said, the threat unmoved.
        "threat-phase" or "marker-deleted" or "marker-sighted" => Inv($"<path d=\"M{x:F1} {y - 7} l7 7 l-7 7 l-7 -7 z\"/>"),
        "flag-raised" or "flag-escalated" => Inv($"<path d=\"M{x:F1} {y - 7} l7 13 h-14 z\"/>"),
        "flag-acknowledged" => Inv($"<circle cx=\"{x:F1}\" cy=\"{y}\" r=\"6\"/>"),
        // A unit's own alert is a star, filled where it was raised and hollow where its device cancelled it.
        "alarm-raised" or "alarm-cancelled" => Inv($"<path d=\"M{x:F1} {y - 7} l2 5 h5 l-4 3.5 l1.5 5.5 l-4.5 -3 l-4.5 3 l1.5 -5.5 l-4 -3.5 h5 z\"/>"),
        _ => Inv($"<rect x=\"{x - 5:F1}\" y=\"{y - 5}\" width=\"10\" height=\"10\"/>"),
    };

    private static void Axes(StringBuilder svg, DateTimeOffset start, DateTimeOffset end, Func<DateTimeOffset, DateTimeOffset, TimeSpan> elapsed, int baseline, bool distanceAxis)
    {
        var span = elapsed(start, end);
        svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{baseline}\" x2=\"{Width - Right}\" y2=\"{baseline}\" class=\"axis\"/>"));
        svg.Append(Inv($"<text x=\"{Left}\" y=\"{baseline + 16}\" class=\"tick\">0:00</text>"));
        svg.Append(Inv($"<text x=\"{Width - Right}\" y=\"{baseline + 16}\" class=\"tick end\">{Clock(span)}</text>"));
        var last = At(span, span);
        foreach (var seconds in TimeTicks(span))
        {
            // A label that would run into the session's length at the end of the axis is left to its grid line.
            var x = At(TimeSpan.FromSeconds(seconds), span);
            if (last - x >= EndLabelRoomPx)
            {
                svg.Append(Inv($"<text x=\"{x:F1}\" y=\"{baseline + 16}\" class=\"tick mid\">{Clock(TimeSpan.FromSeconds(seconds))}</text>"));
            }
        }

        if (distanceAxis)
        {
            svg.Append(Inv($"<text x=\"{Left - 4}\" y=\"{baseline + 4}\" class=\"tick end\">0 m</text>"));
        }
    }

    // A faint vertical rule at each time tick, so a moment read in the tables can be found on the plot.
    private static void TimeGrid(StringBuilder svg, DateTimeOffset start, DateTimeOffset end, Func<DateTimeOffset, DateTimeOffset, TimeSpan> elapsed, int top, int baseline)
    {
        var span = elapsed(start, end);
        foreach (var seconds in TimeTicks(span))
        {
            var x = At(TimeSpan.FromSeconds(seconds), span);
            svg.Append(Inv($"<line x1=\"{x:F1}\" y1=\"{top}\" x2=\"{x:F1}\" y2=\"{baseline}\" class=\"grid\"/>"));
        }
    }

    /// <summary>
    /// The seconds into the session, up to its length, at the roundest step of elapsed time (30 s, 1, 2, 5, 10, 15
    /// or 30 min, then whole hours) that puts at most <see cref="MostTimeTicks"/> of them on the axis.
    /// </summary>
    private static IEnumerable<double> TimeTicks(TimeSpan length)
    {
        var span = length.TotalSeconds;
        if (span <= 0)
        {
            yield break;
        }

        var step = TimeSteps.FirstOrDefault(s => span / s <= MostTimeTicks + 1);
        if (step == 0)
        {
            step = 3600 * Math.Ceiling(span / 3600 / (MostTimeTicks + 1));
        }

        for (var t = step; t < span; t += step)
        {
            yield return t;
        }
    }

    /// <summary>The roundest step of distance (1, 2 or 5 times a power of ten, at least 1 m) that spans <paramref name="maxM"/> in at most four.</summary>
    private static double DistanceStep(double maxM)
    {
        var raw = Math.Max(1, maxM) / MostDistanceTicks;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(m => m * power).First(s => s >= raw);
        return Math.Max(1, step);
    }

    private static readonly double[] TimeSteps = [30, 60, 120, 300, 600, 900, 1800, 3600];
    private const int MostTimeTicks = 10;
    private const int MostDistanceTicks = 4;

    // Room the length label at the end of the time axis takes ("1:02:05" at 12 px), and a gap.
    private const double EndLabelRoomPx = 56;

    private static Func<DateTimeOffset, double> Scale(DateTimeOffset start, DateTimeOffset end, Func<DateTimeOffset, DateTimeOffset, TimeSpan> elapsed)
    {
        var span = elapsed(start, end);
        return t => At(t < start ? TimeSpan.Zero : elapsed(start, t), span);
    }

    // Where a moment so far into a session of that length stands on the axis.
    private static double At(TimeSpan into, TimeSpan length) =>
        Left + ((Width - Left - Right) * Math.Clamp(into.TotalSeconds / Math.Max(1, length.TotalSeconds), 0, 1));

    // The incident's clock: time as it passed.
    private static TimeSpan Straight(DateTimeOffset from, DateTimeOffset to) => to - from;

    /// <summary>A span as every document prints it (<see cref="Durations"/>).</summary>
    public static string Clock(TimeSpan span) => Durations.Clock(span);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
