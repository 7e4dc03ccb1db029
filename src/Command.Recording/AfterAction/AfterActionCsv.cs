using System.Globalization;
using System.Text;
using Command.Domain.AfterAction;
using Command.Domain.Units;

namespace Command.Recording.AfterAction;

/// <summary>Writes one table of the report as RFC 4180 CSV (invariant culture, ISO 8601 times, seconds as numbers).</summary>
internal static class AfterActionCsv
{
    public static async Task WriteAsync(AfterActionReport report, AfterActionTable table, Stream stream, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        foreach (var row in Rows(report, table))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(string.Join(',', row.Select(Quote)));
        }
    }

    private static IEnumerable<IEnumerable<string>> Rows(AfterActionReport r, AfterActionTable table)
    {
        switch (table)
        {
            case AfterActionTable.Units:
                yield return ["unit", "callsign", "role", "enrolled", "first_on_site", "first_entry", "reached_contact", "time_to_contact_s",
                    "total_flagged_s", "longest_flagged_s", "flags_raised", "acknowledgements", "closest_approach_m", "held_while_suppressed_s", "reports_refused",
                    "reports_taken", "usual_interval_s", "clock_correction_s"];
                foreach (var u in r.Units)
                {
                    yield return [u.UnitId, u.Callsign, UnitRoles.Name(u.Role), Time(u.EnrolledAt), Time(u.FirstOnSite), Time(u.FirstEntry), Time(u.ReachedContact),
                        Seconds(u.TimeToContact), Seconds(u.TotalFlaggedHold), Seconds(u.LongestFlaggedHold), Number(u.FlagsRaised), Number(u.Acknowledgements), Number(u.ClosestApproachM), Seconds(u.HeldWhileSuppressed), Number(u.ReportsRefused),
                        Number(u.ReportsTaken), Number(u.UsualIntervalS), Number(u.ClockCorrectionS)];
                }

                break;
            case AfterActionTable.Incident:
                yield return ["metric", "value"];
                foreach (var (metric, value) in IncidentRows(r.Incident))
                {
                    yield return [metric, value];
                }

                break;
            case AfterActionTable.Distances:
                yield return ["unit", "time", "distance_m"];
                foreach (var d in r.Distances)
                {
                    yield return [d.UnitId, Time(d.Time), Number(d.DistanceM)];
                }

                break;
            case AfterActionTable.Flags:
                yield return ["subject", "level", "raised", "cleared", "seconds", "reason", "escalated"];
                foreach (var f in r.Flags)
                {
                    yield return [f.Subject, f.Level.ToString().ToLowerInvariant(), Time(f.Raised), Time(f.Cleared), Seconds(f.Cleared is { } cleared ? r.Elapsed(f.Raised, cleared) : null), f.Reason, Time(f.Escalated)];
                }

                break;
            default:
                yield return ["time", "kind", "subject", "text"];
                foreach (var m in r.Timeline)
                {
                    yield return [Time(m.Time), m.Kind, m.Subject, m.Text];
                }

                break;
        }
    }

    /// <summary>
    /// The incident's figures by name, its times written by <paramref name="time"/> (ISO 8601 where none is given) and
    /// its units named by <paramref name="unit"/> (their ids where none is given).
    /// </summary>
    internal static IEnumerable<(string Metric, string Value)> IncidentRows(IncidentMetrics i, Func<DateTimeOffset?, string>? time = null, Func<string, string>? unit = null)
    {
        var written = time ?? (t => Time(t));
        var named = unit ?? (id => id);
        string Moment(UnitMoment? m) => m is null ? "" : $"{named(m.UnitId)} {written(m.Time)}";
        yield return ("incident", i.IncidentId);
        yield return ("name", i.Name);
        yield return ("site", i.Site);
        yield return ("opened", written(i.OpenedAt));
        yield return ("ended", written(i.EndedAt));
        yield return ("threat_active", written(i.ThreatActiveAt));
        yield return ("first_on_scene", Moment(i.FirstOnScene));
        yield return ("first_entry", Moment(i.FirstEntry));
        yield return ("first_contact", Moment(i.FirstContact));
        yield return ("time_to_contact_s", Seconds(i.TimeToContact));
        yield return ("contained", written(i.ContainedAt));
        yield return ("time_to_contained_s", Seconds(i.TimeToContained));
        yield return ("neutralized", written(i.NeutralizedAt));
        yield return ("time_to_neutralized_s", Seconds(i.TimeToNeutralized));
        yield return ("flags_raised", Number(i.FlagsRaised));
        yield return ("flags_acknowledged", Number(i.FlagsAcknowledged));
        yield return ("flags_suppressed", written(i.FlagsSuppressedAt));
        yield return ("suppressed_by", i.Suppression ?? "");
        yield return ("units_held_while_suppressed", Number(i.UnitsHeldWhileSuppressed));
        if (i.DrillClock is { } played)
        {
            yield return ("drill_clock", played);
        }

        foreach (var rejected in i.Rejected)
        {
            yield return ($"rejected_{rejected.Reason}", Number(rejected.Count));
        }

        yield return ("events", Number(i.EventCount));
    }

    internal static string Time(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", CultureInfo.InvariantCulture) ?? "";

    internal static string Seconds(TimeSpan? span) => span is { } s ? s.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) : "";

    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
