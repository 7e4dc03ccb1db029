using Command.Domain.Reports;
using Command.Domain.Units;
using Command.Domain.Validation;

namespace Command.Grains.Units;

/// <summary>
/// A unit as it outlives one incident: its identity, the incident it is enrolled in, and its latest fix. Keyed by
/// unit id. A read model: the incident tells it, off the report path and without waiting; dispatch integrations
/// read it, and the radio listeners route a unit's reports to the incident it is enrolled in.
/// </summary>
public interface IUnitGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes the unit for an incident about to enrol it: null when it is free or enrolled there already, else why not
    /// (it is enrolled in another incident that has not let it go). The one place that decides, so two incidents
    /// enrolling the unit at once cannot both have it.
    /// </summary>
    Task<Rejection?> Claim(UnitEnrolment enrolment);

    /// <summary>
    /// The unit joined an incident (or changed role in it); ignored while another incident holds the unit, so a unit
    /// an incident took on a report without claiming it stays routed where it is enrolled.
    /// </summary>
    Task Enrolled(UnitEnrolment enrolment);

    /// <summary>The incident let the unit go (it closed): reports from the unit are no longer routed to it.</summary>
    Task Released(string incidentId);

    /// <summary>The unit's latest accepted fix in an incident; ignored unless the unit is enrolled in that incident.</summary>
    Task Fixed(string incidentId, PositionReport fix);

    Task<UnitRecord?> Get();
}

/// <summary>A unit's enrolment in an incident.</summary>
[GenerateSerializer, Immutable]
public sealed record UnitEnrolment(string IncidentId, string Callsign, UnitRole Role, DateTimeOffset At);
