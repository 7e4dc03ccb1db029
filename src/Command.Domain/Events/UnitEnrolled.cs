using Command.Domain.Units;

namespace Command.Domain.Events;

/// <summary>A unit joined the incident with a role.</summary>
[GenerateSerializer, Immutable]
public sealed record UnitEnrolled(string UnitId, string Callsign, UnitRole Role, string Actor) : IncidentEvent;
