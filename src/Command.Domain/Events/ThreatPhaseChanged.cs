using Command.Domain.Threats;

namespace Command.Domain.Events;

/// <summary>A threat moved from one phase to another (reported, active, contained, neutralized).</summary>
/// <param name="ThreatId">The threat.</param>
/// <param name="Phase">Its new phase.</param>
/// <param name="Actor">Who changed it.</param>
/// <param name="Reason">Why; required of a change that suppresses flags (contained, neutralized), absent in recordings made before that.</param>
[GenerateSerializer, Immutable]
public sealed record ThreatPhaseChanged(string ThreatId, ThreatPhase Phase, string Actor, string? Reason = null) : IncidentEvent;
