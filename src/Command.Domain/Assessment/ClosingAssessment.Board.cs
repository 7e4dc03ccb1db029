using Command.Domain.Incidents;

namespace Command.Domain.Assessment;

public sealed partial class ClosingAssessment
{
    /// <summary>Every unit's assessment as of <paramref name="now"/> (the incident's clock); changes nothing.</summary>
    public IEnumerable<UnitAssessment> AssessAll(IReadOnlyDictionary<string, UnitEntry> units, DateTimeOffset now)
    {
        var book = Backups(units);
        return units.Values.Select(u => Assess(u, now, book)).ToList();
    }

    /// <summary>Some units' assessments as of <paramref name="now"/>; changes nothing.</summary>
    public List<UnitAssessment> AssessSome(IReadOnlyDictionary<string, UnitEntry> units, IEnumerable<string> unitIds, DateTimeOffset now)
    {
        var book = Backups(units);
        return [.. unitIds.Where(units.ContainsKey).Select(id => Assess(units[id], now, book))];
    }

    /// <summary>One unit's assessment as of <paramref name="now"/>; changes nothing.</summary>
    public UnitAssessment Assess(UnitEntry unit, IReadOnlyDictionary<string, UnitEntry> units, DateTimeOffset now)
    {
        return Assess(unit, now, Backups(units));
    }

    // A flagged unit gone silent keeps its flag, said as its last fixes showed it and how long ago that was: the words
    // the flag was raised or escalated with ("holding 60 s") read as a hold that had stopped growing.
    private string StaleReason(Measurement m, UnitJudge judge, DateTimeOffset now, bool signedOff, BackupEta? backup) =>
        $"{Reason(m, m.HoldS, m.Opening, judge.Episode, backup)}; {(signedOff ? "its device signed off" : "stale")}, last heard {Reasons.Duration(Math.Max(0, (now - judge.LatestHeard!.Value).TotalSeconds))} ago";

    // A flagged unit silent past its cadence whose last report still stands, but is not taken at its word: how long it held
    // stopped counting at that report, and the board says why.
    private static string UnheardReason(UnitJudge judge, DateTimeOffset now) => judge.UnheardWhileItsFixStands(now)
        ? $"; not heard for {Reasons.Duration(Math.Max(0, (now - judge.LatestHeard!.Value).TotalSeconds))}: its last report said it stands, but how long it has held since is not known"
        : "";

    // A unit shown holding (or moving away) in a hold has been so since its hold began, as its flag counts it: the board's
    // "in state" read 1:33 beside "holding 115 s" where the hold began with the fixes that stopped before it was shown.
    private static DateTimeOffset? InStateSince(MotionState state, UnitJudge judge) =>
        state is MotionState.Holding or MotionState.Opening && judge.Episode is { } hold && (judge.StateSince is not { } since || hold.Since < since)
            ? hold.Since : judge.StateSince;

    private UnitAssessment Assess(UnitEntry unit, DateTimeOffset now, BackupBook backups)
    {
        var flag = flags[unit.UnitId];
        if (!judges.TryGetValue(unit.UnitId, out var judge))
        {
            return new UnitAssessment(unit.UnitId, unit.Callsign, unit.Role, unit.LastFix, null, null, null, null, null, null,
                MotionState.Unknown, null, flag?.Level ?? FlagLevel.None, flag?.Reason, flag?.AcknowledgedAt is not null, Refused: unit.Refused, Alarm: unit.Alarm, SignedOff: unit.SignedOff);
        }

        var m = judge.Measure(Nearest(judge));
        // The rate is over the unit's last 30 s of fixes: once they are overdue by its own cadence it is not known. A
        // phone that said it stands still and reports every three minutes read "holding, +1.4 m/s" from its walk in.
        var rate = judge.Overdue(now) ? null : m?.RateMps;
        var state = judge.ShownStale(now) ? MotionState.Stale : judge.State;
        // Only a unit shown closing has an ETA: one shown holding may still have a rate window that spans the walk
        // that brought it there, and "1:58" beside "holding" reads as a promise it is not keeping.
        double? eta = state == MotionState.Closing && rate is { } r && r > options.MovingRateMps && m is not null ? Math.Max(0, m.FittedM) / r : null;
        var backupEta = m is null ? null : backups.For(unit.UnitId, m.DistanceM);
        var reason = flag is null ? null
            : DerivesFlags && flag.Rule == NotClosingRule && judge.Episode is not null && m is not null && state is MotionState.Holding or MotionState.Opening
                ? Reason(m, judge.HeldS(m, now), state == MotionState.Opening, judge.Episode, backupEta) + UnheardReason(judge, now)
            : DerivesFlags && flag.Rule == NotClosingRule && judge.Episode is not null && m is not null && state == MotionState.Stale
                ? StaleReason(m, judge, now, unit.SignedOff is not null, backupEta)
            : flag.Reason;
        return new UnitAssessment(
            unit.UnitId, unit.Callsign, unit.Role, unit.LastFix, m?.Target.Threat.ThreatId, m?.StraightM, m?.PathM, rate, eta, backupEta?.Seconds,
            state, InStateSince(state, judge), flag?.Level ?? FlagLevel.None, reason, flag?.AcknowledgedAt is not null,
            HoldS: judge.Episode is not null && m is not null ? judge.HeldS(m, now) : null,
            CadenceS: judge.Track.CadenceS,
            Floor: m?.Floor,
            Climbing: m?.Climbing ?? false,
            ArrivalReason: state == MotionState.Arrived ? m?.Arrival.Where : null,
            Building: judge.BuildingId,
            InReachReason: flag is null && state is MotionState.Holding or MotionState.Opening ? m?.InReach : null,
            Refused: unit.Refused,
            HeldBackReason: judge.HeldBackWords,
            HeldAt: judge.HoldsBack ? frame.ToGeo(judge.Track.Latest.Point) : null,
            Alarm: unit.Alarm,
            SignedOff: unit.SignedOff,
            Overdue: judge.Overdue(now) ? true : null);
    }
}
