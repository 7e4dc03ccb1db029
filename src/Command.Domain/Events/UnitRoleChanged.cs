using Command.Domain.Units;

namespace Command.Domain.Events;

/// <summary>A unit was given a new assignment.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Role">Its new role.</param>
/// <param name="Actor">Who reassigned it.</param>
/// <param name="AnsweringFlag">
/// The flag's subject when the reassignment answered a not-closing flag (a commander sent this unit in instead); null
/// for any other reassignment.
/// </param>
/// <param name="ThreatId">The threat the unit was sent to, when it answered a flag.</param>
[GenerateSerializer, Immutable]
public sealed record UnitRoleChanged(string UnitId, UnitRole Role, string Actor, string? AnsweringFlag = null, string? ThreatId = null) : IncidentEvent;
