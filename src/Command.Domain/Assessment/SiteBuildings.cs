using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;

namespace Command.Domain.Assessment;

/// <summary>
/// The site's buildings in local metres: which one a point is in, with a margin for leaving, and which floor an
/// altitude is on where that is really known.
/// </summary>
internal sealed class SiteBuildings
{
    // A floor worked out from altitude changes only once the altitude is this many floors from the current floor's
    // level: three quarters of a floor, so a unit standing on one floor does not flicker between two on noise.
    private const double FloorChangeFloors = 0.75;

    private readonly (Building Building, Polygon Shape)[] all;
    private readonly double defaultFloorHeightM;

    public SiteBuildings(Site site, LocalFrame frame, double defaultFloorHeightM)
    {
        all = [.. site.Buildings.Where(b => b.Footprint.Length >= 3).Select(b => (b, Polygon.FromGeo(frame, b.Footprint)))];
        this.defaultFloorHeightM = defaultFloorHeightM;
    }

    public int Count => all.Length;

    public Building this[int index] => all[index].Building;

    /// <summary>The first building whose footprint holds the point, or null.</summary>
    public int? Containing(LocalPoint point)
    {
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].Shape.Contains(point))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>True when the point is inside the building, or no further than <paramref name="marginM"/> outside its walls.</summary>
    public bool Holds(int index, LocalPoint point, double marginM) =>
        all[index].Shape.Contains(point) || (marginM > 0 && all[index].Shape.DistanceToBoundary(point) <= marginM);

    /// <summary>True when the point is inside the building by at least <paramref name="marginM"/>.</summary>
    public bool WellInside(int index, LocalPoint point, double marginM) =>
        all[index].Shape.Contains(point) && (marginM <= 0 || all[index].Shape.DistanceToBoundary(point) >= marginM);

    public int? IndexOf(string? buildingId)
    {
        for (var i = 0; i < all.Length && buildingId is not null; i++)
        {
            if (all[i].Building.BuildingId == buildingId)
            {
                return i;
            }
        }

        return null;
    }

    public double FloorHeightM(int index) => all[index].Building.FloorHeightM ?? defaultFloorHeightM;

    /// <summary>
    /// The floor an altitude is on in a building, when that is really known: the building's ground elevation and its
    /// datum are known, the altitude comes with the same datum, and its stated vertical accuracy is at most half a
    /// floor. Otherwise null. Near <paramref name="previous"/> the floor stays as it was (hysteresis).
    /// </summary>
    public int? FloorOf(int index, double? altitudeM, AltitudeDatum? datum, double? verticalAccuracyM, int? previous)
    {
        var building = all[index].Building;
        var height = FloorHeightM(index);
        if (altitudeM is not { } altitude || datum is not { } d || verticalAccuracyM is not { } vertical
            || building.GroundElevationM is not { } ground || building.ElevationDatum != d || vertical > height / 2)
        {
            return null;
        }

        var level = (altitude - ground) / height;
        return previous is { } floor && Math.Abs(level - floor) < FloorChangeFloors ? floor : (int)Math.Round(level);
    }
}
