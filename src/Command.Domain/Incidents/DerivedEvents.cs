using Command.Domain.Events;

namespace Command.Domain.Incidents;

/// <summary>
/// How derived events (flag transitions) are numbered: right after the input event that caused them, in the order
/// the projection returned them, stamped with the projection's clock unless the assessment gave them a time. The
/// incident grain and replay both number them here, which is what lets a replay reproduce the recording.
/// </summary>
public static class DerivedEvents
{
    public static IReadOnlyList<IncidentEvent> Sequence(IncidentEvent cause, IReadOnlyList<IncidentEvent> derived, DateTimeOffset clock)
    {
        if (derived.Count == 0)
        {
            return [];
        }

        var sequenced = new IncidentEvent[derived.Count];
        for (var i = 0; i < derived.Count; i++)
        {
            sequenced[i] = derived[i] with
            {
                Sequence = cause.Sequence + i + 1,
                Time = derived[i].Time == default ? clock : derived[i].Time,
            };
        }

        return sequenced;
    }
}
