using System.Collections.Immutable;
using Command.Domain.Geometry;

namespace Command.Domain.Sites;

/// <summary>The ground an incident happens on: its origin for local metres, buildings, zones and walk graph.</summary>
/// <param name="Name">What the site is called.</param>
/// <param name="Origin">Where local metres are measured from.</param>
/// <param name="Buildings">Building footprints.</param>
/// <param name="Zones">Zones with their kinds.</param>
/// <param name="Walks">Where people can walk, when the site has a graph.</param>
/// <param name="TimeZone">
/// The site's IANA time zone ("America/Denver"), so forms and reports show local time beside UTC; null shows UTC only.
/// </param>
[GenerateSerializer, Immutable]
public sealed record Site(
    string Name,
    GeoPoint Origin,
    ImmutableArray<Building> Buildings,
    ImmutableArray<Zone> Zones,
    WalkGraph? Walks = null,
    string? TimeZone = null);
