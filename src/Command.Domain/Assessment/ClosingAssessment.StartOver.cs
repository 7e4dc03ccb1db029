using Command.Domain.Events;
using Command.Domain.Incidents;

namespace Command.Domain.Assessment;

public sealed partial class ClosingAssessment
{
    /// <summary>
    /// The drill started over at <paramref name="now"/>: every unit is judged afresh from its next fix, as if it had just
    /// arrived. Every flag clears and every noted hold ends, saying why; tracks, holds, zone occupancy and broken zone
    /// rules are forgotten. The threats stay placed as they are until they are set again.
    /// </summary>
    public IReadOnlyList<IncidentEvent> StartOver(DateTimeOffset now, string reason)
    {
        var events = new List<IncidentEvent>();
        foreach (var subject in flags.All.Select(f => f.Subject).Order(StringComparer.Ordinal).ToList())
        {
            flags.Clear(subject, now, () => reason, events);
        }

        foreach (var subject in suppressedHolds.Subjects.Order(StringComparer.Ordinal).ToList())
        {
            suppressedHolds.End(subject, now, () => reason, events);
        }

        judges.Clear();
        backups.Clear();
        backups.Stale = true;
        Occupancy.Restore([]);
        zoneRules.Restore([]);
        due.All();
        return events;
    }

    /// <summary>
    /// The clock of <paramref name="unitId"/>'s device was put right at <paramref name="now"/>: the unit is judged afresh
    /// from its next fix, as after a start-over, for its fixes so far were timed by a clock now known wrong. A flag on it
    /// clears and a noted hold ends, saying why.
    /// </summary>
    public IReadOnlyList<IncidentEvent> Retimed(string unitId, DateTimeOffset now, string reason)
    {
        var events = new List<IncidentEvent>();
        if (!judges.Remove(unitId))
        {
            return events;
        }

        flags.Clear(unitId, now, () => reason, events);
        suppressedHolds.End(unitId, now, () => reason, events);
        backups.Stale = true;
        due.All();
        return events;
    }

    /// <summary>
    /// <paramref name="unitId"/> was let go from the incident at <paramref name="now"/>: it is judged no more and counts
    /// in no zone. A flag on it clears and a noted hold ends, saying why; the zones are judged without it.
    /// </summary>
    public IReadOnlyList<IncidentEvent> Release(string unitId, DateTimeOffset now, string reason, IReadOnlyDictionary<string, UnitEntry> units)
    {
        var events = new List<IncidentEvent>();
        judges.Remove(unitId);
        backups.Remove(unitId);
        backups.Stale = true;
        flags.Clear(unitId, now, () => reason, events);
        suppressedHolds.End(unitId, now, () => reason, events);
        Occupancy.Remove(unitId);
        due.All();
        EvaluateZones(now, units, events);
        return events;
    }
}
