using Command.Domain.Threats;

namespace Command.Domain.Events;

/// <summary>A threat was placed or moved, or its uncertainty or phase changed.</summary>
/// <param name="Threat">The threat as it now stands.</param>
/// <param name="Actor">Who set it (a CoT marker's source, for a marker).</param>
/// <param name="Reason">Why its phase changed, where it did: required of a change that suppresses flags, "marker" for a CoT marker.</param>
[GenerateSerializer, Immutable]
public sealed record ThreatSet(Threat Threat, string Actor, string? Reason = null) : IncidentEvent;
