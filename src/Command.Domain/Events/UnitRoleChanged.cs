using Command.Domain.Units;

namespace Command.Domain.Events;

/// <summary>A unit was given a new assignment.</summary>
[GenerateSerializer, Immutable]
public sealed record UnitRoleChanged(string UnitId, UnitRole Role, string Actor) : IncidentEvent;
