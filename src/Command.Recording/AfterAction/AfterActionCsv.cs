using System.Globalization;
using Command.Domain.AfterAction;
using Command.Domain.Units;
using Command.Recording.Csv;

namespace Command.Recording.AfterAction;

/// <summary>
/// Writes one table of the report as CSV (<see cref="CsvWriter"/>: invariant culture, ISO 8601 times, seconds as
/// numbers, text a spreadsheet would run as a formula neutralised). Made while the incident is still open, it says it is a
/// draft: the incident table in its first row (blank once closed), and the units and flags tables, whose figures are
/// only so far, in a last column on every row; a table read apart from the others says it too.
/// </summary>
internal static class AfterActionCsv
{
    private const string StillOpen = "still open";

    public static Task WriteAsync(AfterActionReport report, AfterActionTable table, Stream stream, CancellationToken cancellationToken) =>
        WriteAsync(report, table, stream, null, cancellationToken);

    public static Task WriteAsync(AfterActionReport report, AfterActionTable table, Stream stream, DateTimeOffset? madeAt, CancellationToken cancellationToken) =>
        CsvWriter.WriteAsync(stream, Rows(report, table, madeAt), cancellationToken);

    private static IEnumerable<IEnumerable<CsvCell>> Rows(AfterActionReport r, AfterActionTable table, DateTimeOffset? madeAt)
    {
        var draft = r.Incident.ClosedAt is null ? StillOpen : "";
        switch (table)
        {
            case AfterActionTable.Units:
                yield return ["unit", "callsign", "role", "enrolled", "first_on_site", "first_entry", "reached_contact", "time_to_contact_s",
                    "total_flagged_s", "longest_flagged_s", "flags_raised", "acknowledgements", "closest_approach_m", "held_while_suppressed_s", "reports_refused",
                    "reports_taken", "usual_interval_s", "clock_correction_s", "roles", "round", "out_of_contact_s", "week_rollover_eras",
                    "longest_gap_from", "longest_gap_s", "longest_gap_while", "silent_from", "silent_s", "silent_while", "draft"];
                foreach (var u in r.Units)
                {
                    // `role` is the role it ended in, as it always was; `roles` every role it held, in turn; `round` the round of
                    // its drill the row's figures are of, one row for each it played (added last, as `roles` was); `out_of_contact_s`
                    // its time out of contact after it first reached the threat, added last in turn; `week_rollover_eras` the GPS
                    // eras its receiver's dates were put right by, past its week rollover (the receivers to update, as
                    // `clock_correction_s` gives the phones to set the time of), last again; then its longest gap between reports
                    // longer than its cadence explains, and its silence from its last report to the end of the record, each with
                    // the host or source that was down while it went unheard, where the record says one was; and "still open" on
                    // every row of an incident still open, its figures so far.
                    yield return [u.UnitId, u.Callsign, UnitRoles.Name(u.Role), Time(u.EnrolledAt), Time(u.FirstOnSite), Time(u.FirstEntry), Time(u.ReachedContact),
                        CsvCell.Seconds(u.TimeToContact), CsvCell.Seconds(u.TotalFlaggedHold), CsvCell.Seconds(u.LongestFlaggedHold), CsvCell.Number(u.FlagsRaised), CsvCell.Number(u.Acknowledgements),
                        CsvCell.Number(u.ClosestApproachM), CsvCell.Seconds(u.HeldWhileSuppressed), CsvCell.Number(u.ReportsRefused),
                        CsvCell.Number(u.ReportsTaken), CsvCell.Number(u.UsualIntervalS), CsvCell.Number(u.ClockCorrectionS), Roles(r.RolesOf(u)), CsvCell.Number(u.Round), CsvCell.Seconds(u.OutOfContact),
                        CsvCell.Number(u.WeekRolloverEras),
                        Time(u.LongestGap?.From), CsvCell.Seconds(u.LongestGap?.Length), u.LongestGap?.Cause ?? "",
                        Time(u.Silent?.LastHeard), CsvCell.Seconds(u.Silent?.Unheard), SilentWhile(u.Silent), draft];
                }

                break;
            case AfterActionTable.Incident:
                yield return ["metric", "value"];
                yield return ["draft", AfterActionWords.StillOpen(r.Incident, madeAt) ?? ""];
                foreach (var (metric, value) in IncidentRows(r.Incident))
                {
                    yield return [metric, value];
                }

                break;
            case AfterActionTable.Distances:
                yield return ["unit", "time", "distance_m"];
                foreach (var d in r.Distances)
                {
                    yield return [d.UnitId, Time(d.Time), CsvCell.Number(d.DistanceM)];
                }

                break;
            case AfterActionTable.Flags:
                // Who first acknowledged a flag, when and why, and how often it was in all (each counted, as the units
                // table's `acknowledgements` counts them), added last as `roles` was; then whether it is a draft's, as the units'.
                // `seconds` are those recorded: the time within it that its host was down, and nothing was, is
                // `unrecorded_s`, added before `draft`, which stays last.
                yield return ["subject", "level", "raised", "cleared", "seconds", "reason", "escalated", "acknowledged", "acknowledged_by", "acknowledged_reason", "acknowledgements", "unrecorded_s", "draft"];
                foreach (var f in r.Flags)
                {
                    yield return [f.Subject, f.Level.ToString().ToLowerInvariant(), Time(f.Raised), Time(f.Cleared), CsvCell.Seconds(f.Cleared is { } cleared ? r.Elapsed(f.Raised, cleared) - f.Unrecorded : null), f.Reason, Time(f.Escalated),
                        Time(f.Acknowledged), f.AcknowledgedBy ?? "", f.AcknowledgedReason ?? "", CsvCell.Number(f.Acknowledgements), f.Unrecorded > TimeSpan.Zero ? CsvCell.Seconds(f.Unrecorded) : "", draft];
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
    /// The incident's figures by name, each typed as its CSV column is (text, or a number), its times written by
    /// <paramref name="time"/> (ISO 8601 where none is given), its units named by <paramref name="unit"/> (their ids
    /// where none is given), and its durations written by <paramref name="span"/>, named without the "_s" of the
    /// seconds the CSV gives where one is given.
    /// </summary>
    internal static IEnumerable<(string Metric, CsvCell Value)> IncidentRows(
        IncidentMetrics i, Func<DateTimeOffset?, string>? time = null, Func<string, string>? unit = null, Func<TimeSpan?, string>? span = null)
    {
        var written = time ?? (t => Time(t));
        var named = unit ?? (id => id);
        var s = span is null ? "_s" : "";
        CsvCell Lasted(TimeSpan? t) => span is null ? CsvCell.Seconds(t) : span(t);
        string Moment(UnitMoment? m) => m is null ? "" : $"{named(m.UnitId)} {written(m.Time)}";
        yield return ("incident", i.IncidentId);
        yield return ("name", i.Name);
        yield return ("site", i.Site);
        yield return ("opened", written(i.OpenedAt));
        // An incident still open has not ended: its recording reaches so far, and is given apart.
        yield return ("ended", written(i.ClosedAt is null ? null : i.EndedAt));
        yield return ("recorded_to", written(i.EndedAt));
        yield return ("threat_active", written(i.ThreatActiveAt));
        yield return ("first_on_scene", Moment(i.FirstOnScene));
        yield return ("first_entry", Moment(i.FirstEntry));
        yield return ("first_contact", Moment(i.FirstContact));
        yield return ($"time_to_contact{s}", Lasted(i.TimeToContact));
        yield return ("contained", written(i.ContainedAt));
        yield return ($"time_to_contained{s}", Lasted(i.TimeToContained));
        yield return ("neutralized", written(i.NeutralizedAt));
        yield return ($"time_to_neutralized{s}", Lasted(i.TimeToNeutralized));
        yield return ("flags_raised", CsvCell.Number(i.FlagsRaised));
        // Split by what they were raised on: the units table's flags add up to those on units, and a zone's flag (a hot
        // zone with no contact unit) read as a miscount where only the total was given.
        yield return ("flags_raised_on_units", CsvCell.Number(i.FlagsRaised - i.FlagsRaisedOnZones));
        yield return ("flags_raised_on_zones", CsvCell.Number(i.FlagsRaisedOnZones));
        yield return ("flags_acknowledged", CsvCell.Number(i.FlagsAcknowledged));
        yield return ("flags_suppressed", written(i.FlagsSuppressedAt));
        yield return ("suppressed_by", i.Suppression ?? "");
        yield return ("units_held_while_suppressed", CsvCell.Number(i.UnitsHeldWhileSuppressed));
        if (i.DrillClock is { } played)
        {
            yield return ("drill_clock", played);
        }

        // A drill started over: the figures above are its first round's; each later round's follow, named by it.
        if (i.Rounds is { } rounds)
        {
            yield return ("rounds", CsvCell.Number(rounds.Length));
            foreach (var r in rounds.Skip(1))
            {
                var n = $"round_{r.Round.ToString(CultureInfo.InvariantCulture)}_";
                yield return ($"{n}started", written(r.StartedAt));
                yield return ($"{n}threat_active", written(r.ThreatActiveAt));
                yield return ($"{n}first_on_scene", Moment(r.FirstOnScene));
                yield return ($"{n}first_entry", Moment(r.FirstEntry));
                yield return ($"{n}first_contact", Moment(r.FirstContact));
                yield return ($"{n}time_to_contact{s}", Lasted(r.TimeToContact));
                yield return ($"{n}contained", written(r.ContainedAt));
                yield return ($"{n}time_to_contained{s}", Lasted(r.TimeToContained));
                yield return ($"{n}neutralized", written(r.NeutralizedAt));
                yield return ($"{n}time_to_neutralized{s}", Lasted(r.TimeToNeutralized));
                yield return ($"{n}flags_raised", CsvCell.Number(r.FlagsRaised));
                yield return ($"{n}flags_raised_on_units", CsvCell.Number(r.FlagsRaised - r.FlagsRaisedOnZones));
                yield return ($"{n}flags_raised_on_zones", CsvCell.Number(r.FlagsRaisedOnZones));
                yield return ($"{n}flags_acknowledged", CsvCell.Number(r.FlagsAcknowledged));
            }
        }

        foreach (var rejected in i.Rejected)
        {
            yield return ($"rejected_{rejected.Reason}", CsvCell.Number(rejected.Count));
        }

        yield return ("events", CsvCell.Number(i.EventCount));
        if (i.RecordingDamaged is { } damaged)
        {
            yield return ("recording_damaged", damaged);
        }
    }

    /// <summary>
    /// The roles a unit held in turn, each with the instant it took it, for a machine: "contact@2026-03-14T15:00:00+00:00;
    /// perimeter@2026-03-14T15:03:20+00:00" (role names as the API writes them, times as every CSV time).
    /// </summary>
    internal static string Roles(IEnumerable<RoleHeld> held) => string.Join(";", held.Select(h => $"{UnitRoles.Name(h.Role)}@{Time(h.From)}"));

    // Why a unit silent to the end went unheard, where the record says: a source heard again before the end is said with
    // when, as the unit was not heard with it: "TAK Server at 10.0.0.5:8089 was down until 2026-03-14T15:07:20+00:00".
    private static string SilentWhile(SilentToEnd? silent) => silent switch
    {
        { Cause: null } or null => "",
        { Host: null, SourceDown.Until: { } until } => $"{silent.Cause} until {Time(until)}",
        _ => silent.Cause,
    };

    internal static string Time(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", CultureInfo.InvariantCulture) ?? "";

}
