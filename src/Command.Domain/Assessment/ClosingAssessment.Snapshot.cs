using Command.Domain.Threats;

namespace Command.Domain.Assessment;

public sealed partial class ClosingAssessment
{
    public AssessmentSnapshot Snapshot() => new(
        [.. judges.Values.Select(j => j.Snapshot())],
        [.. flags.All],
        [.. Occupancy.Snapshot().Select(o => new OccupantSnapshot(o.ZoneId, o.UnitId, o.Since))],
        [.. zoneRules.Snapshot()],
        [.. suppressedHolds.Snapshot()]);

    /// <summary>Replaces the state with a snapshot's; the threats are placed as they were then, without re-measuring.</summary>
    public void Restore(AssessmentSnapshot snapshot, IEnumerable<Threat> threats, FlagSuppression? suppression = null)
    {
        this.suppression = suppression;
        suppressedHolds.Restore(snapshot.SuppressedHolds ?? []);
        judges.Clear();
        backups.Stale = true;
        var all = threats.ToList();
        var active = all.Where(t => t.IsActive).ToList();
        targets = [.. (active.Count > 0 ? active : all).Select(t => new ThreatTarget(t, frame, network, buildings, options))];
        activeThreats.Clear();
        activeThreats.UnionWith(active.Select(t => t.ThreatId));
        foreach (var unit in snapshot.Units)
        {
            judges[unit.UnitId] = UnitJudge.Restore(unit, options, buildings);
        }

        flags.Restore(snapshot.Flags);
        Occupancy.Restore(snapshot.Occupants.Select(o => (o.ZoneId, o.UnitId, o.Since)));
        zoneRules.Restore(snapshot.Conditions);
        due.All();
    }
}
