using System.Text;
using Command.Domain.AfterAction;
using static System.Net.WebUtility;

namespace Command.Recording.AfterAction;

/// <summary>A self-contained HTML report: tables and inline SVG plots, no scripts, no external fonts or styles.</summary>
internal static class AfterActionHtml
{
    /// <summary>Plots beyond this many units would make the page slow to open; the rest are in the CSV and JSON.</summary>
    internal const int MaxPlottedUnits = 40;

    // Tables in 14 px: the units table's fifteen columns fit a 1200 px window at their narrowest words.
    private const string Style = """
        body{font:16px/1.4 system-ui,sans-serif;margin:24px;color:#111;background:#fff}
        h1{font-size:28px}h2{font-size:22px;margin-top:32px}
        table{border-collapse:collapse;margin:8px 0;font-size:14px}td,th{border:1px solid #999;padding:4px 6px;text-align:left}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        svg{width:100%;max-width:760px;display:block;margin:4px 0 16px}
        """ + HtmlCells.Style + SvgCharts.Style;

    public static async Task WriteAsync(AfterActionReport report, Stream stream, DateTimeOffset? madeAt, CancellationToken cancellationToken)
    {
        var i = report.Incident;
        var start = i.OpenedAt ?? report.Distances.FirstOrDefault()?.Time ?? default;
        var end = i.EndedAt ?? start;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>After-action report: ")
            .Append(HtmlEncode(i.Name)).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>After-action report: ").Append(HtmlEncode(i.Name)).Append("</h1>");
        if (AfterActionWords.StillOpen(i, madeAt) is { } open)
        {
            html.Append("<p class=\"draft\"><b>Draft:</b> ").Append(HtmlEncode(open)).Append(".</p>");
        }

        if (AfterActionWords.Damaged(i) is { } damaged)
        {
            html.Append("<p class=\"draft\"><b>").Append(AfterActionWords.DamagedLabel).Append(":</b> ").Append(HtmlEncode(damaged)).Append("</p>");
        }

        // Times as the site's people read them, UTC beside, and durations as every document prints them ("1:23"): the CSV
        // and JSON keep ISO 8601 and seconds for machines.
        var clock = new SiteClock(i.TimeZone);
        html.Append("<h2>Incident</h2><p>").Append(HtmlEncode(Opened(i, clock))).Append("</p><table>");
        foreach (var (metric, value) in AfterActionCsv.IncidentRows(i, t => t is { } at ? clock.Both(at) : "", report.Named, t => t is { } lasted ? SvgCharts.Clock(lasted) : ""))
        {
            html.Append("<tr><th>").Append(HtmlEncode(metric.Replace('_', ' '))).Append("</th>");
            HtmlCells.Cell(html, value.Value).Append("</tr>");
        }

        html.Append("</table><h2>Timeline</h2><p>Diamond: threat phase, hollow where the threat's marker was deleted on a device. Star: a unit's own alert from its device, filled where raised, hollow where cancelled. Triangle: flag raised or escalated. Circle: acknowledged. Square: cleared.</p>")
            .Append(SvgCharts.Timeline(report.Timeline, start, end, report.Named, report.Elapsed, clock));
        UnitsTable(html, report, clock);
        Plots(html, report, clock, start, end);
        html.Append("</body></html>");
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await writer.WriteAsync(html, cancellationToken);
    }

    // What day and zone the table's times of day are in.
    private static string Opened(IncidentMetrics i, SiteClock clock)
    {
        var zone = clock.HasLocal ? $"Times of day are the site's ({clock.TimeZone}), UTC in brackets" : "Times of day are UTC";
        return i.OpenedAt is { } opened ? $"Opened {clock.DateTime(opened)}. {zone}; the timeline and plots count from then." : $"{zone}.";
    }

    private static void UnitsTable(StringBuilder html, AfterActionReport report, SiteClock clock)
    {
        // A drill started over has a row for each round a unit played, its figures that round's alone, labelled by it.
        var rounds = report.Rounds.Count > 1;
        html.Append("<h2>Units</h2>");
        if (rounds)
        {
            html.Append("<p>The drill started over: each unit has a row for each round it played, its figures that round's alone.</p>");
        }

        html.Append("<table><tr>").Append(rounds ? "<th>round</th>" : "").Append("<th>unit</th><th>callsign</th><th>role</th><th>on site</th><th>entry</th><th>contact</th>")
            .Append("<th>time to contact</th><th>out of contact after first contact</th><th>flagged total</th><th>longest flag</th><th>flags</th><th>acks</th><th>closest m</th><th>held while flags suppressed</th><th>reports refused</th><th>reports</th></tr>");
        var start = report.Incident.OpenedAt ?? default;
        foreach (var u in report.Units)
        {
            html.Append("<tr>");
            if (rounds)
            {
                html.Append("<td class=\"n\">").Append(u.Round).Append("</td>");
            }

            HtmlCells.Cell(html, u.UnitId);
            HtmlCells.Cell(html, u.Callsign);
            // Every role it held, where they changed: its last alone would put a hold earned as contact on the perimeter.
            html.Append("<td>").Append(HtmlEncode(AfterActionWords.Roles(report.RolesOf(u), clock))).Append("</td>");
            foreach (var t in (DateTimeOffset?[])[u.FirstOnSite, u.FirstEntry, u.ReachedContact])
            {
                html.Append("<td class=\"n\">").Append(t is { } v ? SvgCharts.Clock(report.Elapsed(start, v)) : "").Append("</td>");
            }

            foreach (var s in (TimeSpan?[])[u.TimeToContact, u.OutOfContact, u.TotalFlaggedHold, u.LongestFlaggedHold])
            {
                html.Append("<td class=\"n\">").Append(s is { } v ? SvgCharts.Clock(v) : "").Append("</td>");
            }

            html.Append("<td class=\"n\">").Append(u.FlagsRaised).Append("</td><td class=\"n\">").Append(u.Acknowledgements)
                .Append("</td><td class=\"n\">").Append(u.ClosestApproachM?.ToString("F0", System.Globalization.CultureInfo.InvariantCulture))
                .Append("</td><td class=\"n\">").Append(u.HeldWhileSuppressed > TimeSpan.Zero ? SvgCharts.Clock(u.HeldWhileSuppressed) : "")
                .Append("</td><td class=\"n\">").Append(u.ReportsRefused > 0 ? u.ReportsRefused.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")
                .Append("</td><td class=\"n\">").Append(HtmlEncode(AfterActionWords.Reports(u, clock))).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Plots(StringBuilder html, AfterActionReport report, SiteClock clock, DateTimeOffset start, DateTimeOffset end)
    {
        var byUnit = report.Distances.GroupBy(d => d.UnitId).ToDictionary(g => g.Key, g => g.ToList());
        var flagsBySubject = report.Flags.ToLookup(f => f.Subject);
        // One plot a unit, over every round it played: the longest flagged over all of them first.
        var plotted = report.EachUnit.Where(u => byUnit.ContainsKey(u.UnitId))
            .OrderByDescending(report.FlaggedThroughout).ThenBy(report.ClosestThroughout).Take(MaxPlottedUnits).ToList();
        html.Append("<h2>Distance to threat</h2><p>Shaded bands are flags: yellow WATCH, red ALERT; grey where the unit went unheard (its host down, or its device silent).");
        if (byUnit.Count > plotted.Count)
        {
            html.Append(' ').Append(byUnit.Count - plotted.Count).Append(" more units are in the CSV and JSON exports; the longest flagged are shown.");
        }

        html.Append("</p>");
        foreach (var u in plotted)
        {
            html.Append("<h3>").Append(HtmlEncode($"{u.Callsign} ({u.UnitId}, {AfterActionWords.Roles(report.RolesThroughout(u), clock)})")).Append("</h3>")
                .Append(SvgCharts.Distance(report.Named(u.UnitId), byUnit[u.UnitId], flagsBySubject[u.UnitId], start, end, report.Timeline, report.Elapsed,
                    report.FixesLost?.Where(l => l.UnitId == u.UnitId)));
        }
    }
}
