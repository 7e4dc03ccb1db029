using Command.Domain.Events;
using Command.Domain.Incidents;

namespace Command.Domain.Assessment;

/// <summary>
/// The clock's ticks. Between inputs only a few things change with the passage of time alone: a unit going stale (and
/// no longer covering the zone it was last placed in), a unit that said it stands still holding on, an acknowledgement
/// running out, a zone's rule reaching its watch or alert. Each judgement says when its next such moment is, and a tick judges only what is due by then, so a quiet
/// incident's tick costs next to nothing and derives exactly what judging every unit would. A rule that comes to
/// depend on the clock must say when here.
/// </summary>
public sealed partial class ClosingAssessment
{
    private readonly JudgementsDue due = new();

    /// <summary>Units judged since this assessment was made, on inputs and on ticks: what judging has cost it.</summary>
    public long UnitsJudged { get; private set; }

    /// <summary>
    /// Times the zones were judged since this assessment was made: when it has not moved over a tick, nothing a zone
    /// shows (who is inside and heard, its rule, its flag) has changed.
    /// </summary>
    public long ZonesJudged { get; private set; }

    /// <summary>
    /// The earliest incident time at which a tick may change a judgement: <see cref="DateTimeOffset.MinValue"/> when
    /// the next tick must look again, <see cref="DateTimeOffset.MaxValue"/> when nothing changes until the next input.
    /// </summary>
    public DateTimeOffset NextChange => due.Next;

    /// <summary>
    /// The clock moved on to <paramref name="now"/> with no input: judges the units and zones due by then, in the
    /// order <see cref="Evaluate"/> judges them, and returns the same flag transitions it would.
    /// </summary>
    public IReadOnlyList<IncidentEvent> Tick(DateTimeOffset now, IReadOnlyDictionary<string, UnitEntry> units)
    {
        if (due.Everything)
        {
            return Evaluate(now, units);
        }

        if (now < due.Next)
        {
            return [];
        }

        var events = new List<IncidentEvent>();
        foreach (var unit in units.Values)
        {
            // A unit with no fix yet has no judge: judging it again changes nothing until an input does.
            if (due.IsDue(unit.UnitId, now) && judges.TryGetValue(unit.UnitId, out var judge))
            {
                Rejudge(unit, judge, now, units, events);
            }
        }

        if (due.Zones <= now)
        {
            EvaluateZones(now, units, events);
        }

        due.Judged();
        return events;
    }

    /// <summary>
    /// Judges one unit and sets when it is next due: at the next tick if judging it changed anything (judged again,
    /// it may change more), otherwise when it goes stale, its word that it stands still changes what it shows, or its
    /// flag's acknowledgement runs out.
    /// </summary>
    private void Rejudge(UnitEntry unit, UnitJudge judge, DateTimeOffset now, IReadOnlyDictionary<string, UnitEntry> units, List<IncidentEvent> events)
    {
        var mark = judge.Mark;
        var flag = flags[unit.UnitId];
        var derived = events.Count;
        Judge(unit, judge, now, units, events);
        UnitsJudged++;
        if (events.Count != derived || judge.Mark != mark || !ReferenceEquals(flags[unit.UnitId], flag))
        {
            due.UnitAt(unit.UnitId, DateTimeOffset.MinValue);
            return;
        }

        var stale = judge.StaleFrom(now) ?? DateTimeOffset.MaxValue;
        var acknowledged = flags.AcknowledgementEnds(unit.UnitId, now) ?? DateTimeOffset.MaxValue;
        var still = judge.StillChangesAt(now) ?? DateTimeOffset.MaxValue;
        var next = stale < acknowledged ? stale : acknowledged;
        due.UnitAt(unit.UnitId, still < next ? still : next);
    }

    /// <summary>Judges the zones' rules and sets when they are next due, as <see cref="Rejudge"/> does a unit.</summary>
    private void EvaluateZones(DateTimeOffset now, IReadOnlyDictionary<string, UnitEntry> units, List<IncidentEvent> events)
    {
        var derived = events.Count;
        zoneRules.Evaluate(now, units, targets, flags, events);
        ZonesJudged++;
        due.ZonesAt(events.Count != derived ? DateTimeOffset.MinValue : zoneRules.NextChange(now, flags));
    }

    /// <summary>A subject's flag changed outside its judgement (a commander acknowledged it): it is due at the next tick.</summary>
    private void FlagChanged(string subject)
    {
        if (judges.ContainsKey(subject))
        {
            due.UnitAt(subject, DateTimeOffset.MinValue);
        }
        else
        {
            due.ZonesAt(DateTimeOffset.MinValue);
        }
    }
}
