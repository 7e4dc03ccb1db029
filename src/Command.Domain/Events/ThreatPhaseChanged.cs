using Command.Domain.Threats;

namespace Command.Domain.Events;

/// <summary>A threat moved from one phase to another (reported, active, contained, neutralized).</summary>
[GenerateSerializer, Immutable]
public sealed record ThreatPhaseChanged(string ThreatId, ThreatPhase Phase, string Actor) : IncidentEvent;
