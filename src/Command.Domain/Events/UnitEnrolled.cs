using Command.Domain.Units;

namespace Command.Domain.Events;

/// <summary>A unit joined the incident with a role.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Callsign">Its callsign.</param>
/// <param name="Role">Its first assignment.</param>
/// <param name="Actor">Who enrolled it.</param>
/// <param name="PersonName">Who the unit is, for the ICS-214 form; null when not known (left blank on purpose).</param>
/// <param name="Agency">The person's home agency; null when not known.</param>
/// <param name="IcsPosition">The person's ICS position ("Entry Team Leader"); null when not known.</param>
[GenerateSerializer, Immutable]
public sealed record UnitEnrolled(
    string UnitId, string Callsign, UnitRole Role, string Actor, string? PersonName = null, string? Agency = null, string? IcsPosition = null) : IncidentEvent;
