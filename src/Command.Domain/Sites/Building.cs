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
    double? FloorHeightM = null)
{
    // A floor worked out from altitude changes only once the altitude is this many floors from the current floor's
    // level: three quarters of a floor, so a unit standing on one floor does not flicker between two on noise.
    private const double FloorChangeFloors = 0.75;

    /// <summary>
    /// The floor an altitude is on, when that is really known: the building's ground elevation and its datum are known,
    /// the altitude comes with the same datum, and its stated vertical accuracy is at most half a floor (of
    /// <see cref="FloorHeightM"/>, or <paramref name="defaultFloorHeightM"/> where the building gives none). Otherwise
    /// null. Near <paramref name="previous"/> the floor stays as it was (hysteresis).
    /// </summary>
    public int? FloorAt(double? altitudeM, AltitudeDatum? datum, double? verticalAccuracyM, int? previous, double defaultFloorHeightM)
    {
        var height = FloorHeightM ?? defaultFloorHeightM;
        if (altitudeM is not { } altitude || datum is not { } d || verticalAccuracyM is not { } vertical
            || GroundElevationM is not { } ground || ElevationDatum != d || vertical > height / 2)
        {
            return null;
        }

        var level = (altitude - ground) / height;
        return previous is { } floor && Math.Abs(level - floor) < FloorChangeFloors ? floor : (int)Math.Round(level);
    }
}
