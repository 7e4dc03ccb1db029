using Command.Domain.Threats;

namespace Command.Domain.Events;

/// <summary>A threat was placed or moved, or its uncertainty changed.</summary>
[GenerateSerializer, Immutable]
public sealed record ThreatSet(Threat Threat, string Actor) : IncidentEvent;
