using System.Collections.Immutable;
using Command.Domain.Geometry;

namespace Command.Domain.Sites;

/// <summary>A building's footprint in WGS84, and how many floors it has where known.</summary>
[GenerateSerializer, Immutable]
public sealed record Building(string BuildingId, string Name, ImmutableArray<GeoPoint> Footprint, int Floors = 1);
