using Command.Domain.Assessment;

namespace Command.Domain.Events;

/// <summary>A flag went up on a subject (a unit id, or "zone:{id}" for a zone rule).</summary>
[GenerateSerializer, Immutable]
public sealed record FlagRaised(string Subject, FlagLevel Level, string Rule, string Reason) : IncidentEvent
{
    public override bool IsDerived => true;
}

/// <summary>A flag went from watch to alert.</summary>
[GenerateSerializer, Immutable]
public sealed record FlagEscalated(string Subject, FlagLevel Level, string Rule, string Reason) : IncidentEvent
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
