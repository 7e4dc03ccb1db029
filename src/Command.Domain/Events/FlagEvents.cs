using Command.Domain.Assessment;

namespace Command.Domain.Events;

/// <summary>A flag went up on a subject (a unit id, or "zone:{id}" for a zone rule).</summary>
[GenerateSerializer, Immutable]
public sealed record FlagRaised(string Subject, FlagLevel Level, string Rule, string Reason) : IncidentEvent
{
    public override bool IsDerived => true;
}

/// <summary>
/// A flag went from watch to alert. <paramref name="Acknowledged"/>: it did so while a commander's acknowledgement
/// kept it quiet, so it is recorded (the board shows the level, and the after-action report counts it) without being
/// brought back.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FlagEscalated(string Subject, FlagLevel Level, string Rule, string Reason, bool Acknowledged = false) : IncidentEvent
{
    public override bool IsDerived => true;
}

/// <summary>A flag came down because the situation that raised it ended.</summary>
[GenerateSerializer, Immutable]
public sealed record FlagCleared(string Subject, string Rule, string Reason) : IncidentEvent
{
    public override bool IsDerived => true;
}

/// <summary>A commander acknowledged a flag with a reason; it stays quiet until the situation changes.</summary>
[GenerateSerializer, Immutable]
public sealed record FlagAcknowledged(string Subject, string Actor, string Reason) : IncidentEvent;

/// <summary>
/// While flags were suppressed, a unit whose role is to close held (or moved away) long enough that it would have been
/// flagged: noted, not flagged, so the after-action report can say who held and for how long.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SuppressedHoldNoted(string Subject, string Reason) : IncidentEvent
{
    public override bool IsDerived => true;
}

/// <summary>A hold noted while flags were suppressed ended: the unit moved on, arrived, was reassigned, or flags apply again.</summary>
[GenerateSerializer, Immutable]
public sealed record SuppressedHoldEnded(string Subject, string Reason) : IncidentEvent
{
    public override bool IsDerived => true;
}
