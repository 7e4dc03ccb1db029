using Command.Domain.Events;
using Command.Domain.Validation;

namespace Command.Grains.Incidents;

/// <summary>What a command decided: the events to record, or why it was refused.</summary>
internal readonly record struct Decision(IncidentEvent? Event, Rejection? Rejection)
{
    public static Decision Do(IncidentEvent e) => new(e, null);

    public static Decision Refuse(RejectReason reason, string detail) => new(null, new Rejection(reason, detail));
}
