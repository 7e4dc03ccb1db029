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
    private readonly (Building Building, Polygon Shape)[] all;
    private readonly double defaultFloorHeightM;

    public SiteBuildings(Site site, LocalFrame frame, double defaultFloorHeightM)
    {
        all = [.. site.Buildings.Where(b => b.Footprint.Length >= 3).Select(b => (b, Polygon.FromGeo(frame, b.Footprint)))];
        this.defaultFloorHeightM = defaultFloorHeightM;
    }

    public int Count => all.Length;

    public Building this[int index] => all[index].Building;

    /// <summary>The building's footprint in local metres.</summary>
    public Polygon Shape(int index) => all[index].Shape;

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

    /// <summary>The floor an altitude is on in a building, where that is really known (<see cref="Building.FloorAt"/>).</summary>
    public int? FloorOf(int index, double? altitudeM, AltitudeDatum? datum, double? verticalAccuracyM, int? previous) =>
        all[index].Building.FloorAt(altitudeM, datum, verticalAccuracyM, previous, defaultFloorHeightM);
}
