using System.Collections.Immutable;
using Command.Domain.Geometry;
using Command.Domain.Reports;

namespace Command.Domain.Sites;

/// <summary>A building's footprint in WGS84, how many floors it has, and where its floors are where known.</summary>
/// <param name="BuildingId">Unique within the site.</param>
/// <param name="Name">What people call it.</param>
/// <param name="Footprint">Its outline.</param>
/// <param name="Floors">Floors above ground, at least 1.</param>
/// <param name="GroundElevationM">Elevation of its ground floor, metres above <paramref name="ElevationDatum"/>: with it an altitude reported with the same datum and a vertical accuracy of half a floor or better tells the floor.</param>
/// <param name="ElevationDatum">What <paramref name="GroundElevationM"/> is measured from.</param>
/// <param name="FloorHeightM">Height of one floor, metres; the assessment's default (3.5 m) when null.</param>
[GenerateSerializer, Immutable]
public sealed record Building(
    string BuildingId,
    string Name,
    ImmutableArray<GeoPoint> Footprint,
    int Floors = 1,
    double? GroundElevationM = null,
    AltitudeDatum? ElevationDatum = null,
    double? FloorHeightM = null);
