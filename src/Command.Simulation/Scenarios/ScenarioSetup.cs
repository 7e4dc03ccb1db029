using System.Collections.Immutable;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Simulation.Scenarios;

/// <summary>What opening a drill puts in place before the first report: the incident, its units and its threat.</summary>
/// <param name="Name">The incident's display name.</param>
/// <param name="Site">The site the incident happens on.</param>
/// <param name="Threat">The threat at drill time 0, or null when the script places it later.</param>
/// <param name="Units">Every unit of the scenario with its role at drill time 0.</param>
/// <param name="ThreatReason">Why the threat is in its phase at drill time 0, where its first step says.</param>
/// <param name="ThreatSteps">Every step of the threat's script, in order (the file's <c>$.threat.script</c>); empty when not given.</param>
public sealed record ScenarioSetup(string Name, Site Site, Threat? Threat, ImmutableArray<UnitEnrolment> Units, string? ThreatReason = null, ImmutableArray<ThreatStep> ThreatSteps = default);

/// <summary>A unit to enrol: who it is, what it is assigned to do, and who staffs it when the file says.</summary>
public sealed record UnitEnrolment(string UnitId, string Callsign, UnitRole Role, UnitPerson? Person = null);
