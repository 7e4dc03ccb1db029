using Command.Domain.Threats;

namespace Command.Domain.Assessment;

public sealed partial class ClosingAssessment
{
    public AssessmentMemory Capture() => new(
        [.. judges.Values.Select(j => j.Capture())],
        [.. flags.All],
        [.. Occupancy.Capture().Select(o => new OccupantMemory(o.ZoneId, o.UnitId, o.Since))],
        [.. zoneRules.Capture()]);

    /// <summary>Replaces the state with a keyframe's; the threats are placed as they were then, without re-measuring.</summary>
    public void Restore(AssessmentMemory memory, IEnumerable<Threat> threats)
    {
        judges.Clear();
        backups.Stale = true;
        var all = threats.ToList();
        var active = all.Where(t => t.IsActive).ToList();
        targets = [.. (active.Count > 0 ? active : all).Select(t => new ThreatTarget(t, frame, network, options))];
        activeThreats.Clear();
        activeThreats.UnionWith(active.Select(t => t.ThreatId));
        foreach (var unit in memory.Units)
        {
            judges[unit.UnitId] = UnitJudge.Restore(unit, options);
        }

        flags.Restore(memory.Flags);
        Occupancy.Restore(memory.Occupants.Select(o => (o.ZoneId, o.UnitId, o.Since)));
        zoneRules.Restore(memory.Conditions);
    }
}
