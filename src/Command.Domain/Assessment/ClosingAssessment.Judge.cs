using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Units;

namespace Command.Domain.Assessment;

public sealed partial class ClosingAssessment
{
    private void Judge(UnitEntry unit, UnitJudge judge, DateTimeOffset now, Func<BackupIndex> backups, List<IncidentEvent> events)
    {
        var target = Nearest(judge);
        var m = judge.Measure(target);
        judge.Settle(now, m);
        var id = unit.UnitId;
        if (!options.ClosingRoles.Contains(unit.Role))
        {
            flags.Clear(id, now, () => $"role is {UnitRoles.Name(unit.Role)}, which does not close on the threat", events);
            return;
        }

        if (m is null || !m.Target.Threat.IsActive)
        {
            flags.Clear(id, now, () => "no active threat", events);
            return;
        }

        switch (judge.State)
        {
            case MotionState.Stale or MotionState.Unknown:
                // Silence is shown as stale; it neither raises nor clears what the fixes last showed.
                return;
            case MotionState.Arrived:
                flags.Clear(id, now, () => $"arrived, {Reasons.Metres(m.DistanceM)} from the threat", events);
                return;
            case MotionState.Closing:
                flags.Clear(id, now, () => $"closing at {Reasons.Rate(m.RateMps ?? 0)}, {Reasons.Metres(m.DistanceM)} from the threat", events);
                return;
        }

        if (!m.Confirmed)
        {
            return;
        }

        // Backups are only looked for once a hold is confirmed: a fix from a unit that is closing costs no scan.
        var backupEta = backups().For(id, m.DistanceM);
        var over = m.HoldS - judge.FixGrace(backupEta);
        var (watch, alert) = m.Opening ? (options.OpeningWatchAfter, options.OpeningAlertAfter) : (options.HoldWatchAfter, options.HoldAlertAfter);
        var level = over >= alert.TotalSeconds ? FlagLevel.Alert : over >= watch.TotalSeconds ? FlagLevel.Watch : FlagLevel.None;
        if (level == FlagLevel.Alert && (m.Climbing || m.NearStairs))
        {
            // On the stairs, horizontal progress says little: a climb is worth watching, not an alert.
            level = FlagLevel.Watch;
        }

        flags.Hold(id, NotClosingRule, level, m.Opening ? MotionState.Opening : MotionState.Holding, now, () => Reason(m, backupEta), events);
    }

    private static string Reason(Measurement m, double? backupEtaS) => m.Opening
        ? $"moving away for {Reasons.Duration(m.HoldS)}, now {Reasons.Metres(m.DistanceM)} from the threat; {Reasons.Backup(backupEtaS)}"
        : $"holding {Reasons.Duration(m.HoldS)} at {Reasons.Metres(m.DistanceM)} from the threat; {Reasons.Backup(backupEtaS)}";

    /// <summary>
    /// Every closing-role unit that could back another up: its distance to its threat and its speed, the larger of
    /// its closing rate and the assumed approach speed. Silent units are left out: where they are now is not known.
    /// </summary>
    private BackupIndex Backups(IReadOnlyDictionary<string, UnitEntry> units)
    {
        var index = new BackupIndex(backupScratch).Clear();
        foreach (var unit in units.Values)
        {
            Offer(index, unit);
        }

        return index;
    }

    private void Offer(BackupIndex index, UnitEntry unit)
    {
        if (options.ClosingRoles.Contains(unit.Role) && judges.TryGetValue(unit.UnitId, out var judge) &&
            judge.State != MotionState.Stale && judge.Measure(Nearest(judge)) is { } m)
        {
            var distance = judge.State == MotionState.Arrived ? 0 : m.DistanceM;
            index.Offer(unit.UnitId, distance, Math.Max(m.RateMps ?? 0, options.AssumedApproachSpeedMps));
        }
    }

    /// <summary>
    /// The backup's ETA for a unit: the soonest any other one comes level with it (reaches its distance from the
    /// threat), so zero when another unit is already level or ahead; null when there is no other.
    /// </summary>
    private readonly struct BackupIndex(List<(string Id, double DistanceM, double SpeedMps)> entries)
    {
        public BackupIndex Clear()
        {
            entries.Clear();
            return this;
        }

        public void Offer(string id, double distanceM, double speedMps) => entries.Add((id, distanceM, speedMps));

        public double? For(string id, double distanceM)
        {
            double? best = null;
            foreach (var (other, d, v) in entries)
            {
                if (other != id)
                {
                    var eta = Math.Max(0, d - distanceM) / v;
                    best = best is { } b && b <= eta ? b : eta;
                }
            }

            return best;
        }
    }
}
