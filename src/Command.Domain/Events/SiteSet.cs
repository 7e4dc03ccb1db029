using Command.Domain.Sites;

namespace Command.Domain.Events;

/// <summary>
/// The incident was given its site: buildings, zones, walk graph and time zone on an incident opened with only an
/// origin (a drill played on it brings the site its scenario is set on). The origin does not move: every fix and track
/// of the incident is measured from it.
/// </summary>
/// <param name="Site">The site as it now stands.</param>
/// <param name="Actor">Who set it: for a drill's start, who started the drill.</param>
/// <param name="Scenario">The scenario whose drill's start brought it; null where it was given otherwise, and in sessions recorded before it was kept.</param>
[GenerateSerializer, Immutable]
public sealed record SiteSet(Site Site, string Actor, string? Scenario = null) : IncidentEvent;
