using System.Collections.Immutable;
using Command.Domain.Geometry;

namespace Command.Domain.Sites;

/// <summary>The ground an incident happens on: its origin for local metres, buildings, zones and walk graph.</summary>
[GenerateSerializer, Immutable]
public sealed record Site(
    string Name,
    GeoPoint Origin,
    ImmutableArray<Building> Buildings,
    ImmutableArray<Zone> Zones,
    WalkGraph? Walks = null);
