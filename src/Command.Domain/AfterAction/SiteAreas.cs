using Command.Domain.Geometry;
using Command.Domain.Sites;

namespace Command.Domain.AfterAction;

/// <summary>
/// A site's buildings and zones as local polygons, with bounding boxes so most fixes are ruled out cheaply: where a
/// unit is on site, which building a threat is in, and whether a unit has gone in where the threat is.
/// </summary>
internal sealed class SiteAreas
{
    private readonly List<Area> buildings = [];
    private readonly List<Building> sited = [];
    private readonly List<Area> zones = [];
    private readonly List<Area> hotZones = [];

    public SiteAreas(Site site, LocalFrame frame)
    {
        foreach (var building in site.Buildings.Where(b => b.Footprint.Length >= 3))
        {
            buildings.Add(Area.Of(Polygon.FromGeo(frame, building.Footprint)));
            sited.Add(building);
        }

        foreach (var zone in site.Zones.Where(z => z.Polygon.Length >= 3))
        {
            var area = Area.Of(Polygon.FromGeo(frame, zone.Polygon));
            zones.Add(area);
            if (zone.Kind == ZoneKind.Hot)
            {
                hotZones.Add(area);
            }
        }
    }

    /// <summary>Whether a point is in any building or zone.</summary>
    public bool InAny(LocalPoint p) => buildings.Exists(b => b.Contains(p)) || zones.Exists(z => z.Contains(p));

    /// <summary>The building a point is in, if any.</summary>
    public int? BuildingAt(LocalPoint p)
    {
        var index = buildings.FindIndex(b => b.Contains(p));
        return index < 0 ? null : index;
    }

    public bool InBuilding(int building, LocalPoint p) => buildings[building].Contains(p);

    /// <summary>The floor a report puts a unit (or a marker a threat) on in a building, where it is really known: stated, or from its altitude as the live assessment has it.</summary>
    public int? FloorOf(int building, ReportedFloor reported, int? previous, double defaultFloorHeightM) =>
        reported.Floor ?? sited[building].FloorAt(reported.AltitudeM, reported.Datum, reported.VerticalAccuracyM, previous, defaultFloorHeightM);

    /// <summary>
    /// Whether a point is inside where the threats are: the buildings they are in; where none is in a building, a hot
    /// zone; where the site has none, any building.
    /// </summary>
    public bool Inside(LocalPoint p, IReadOnlyCollection<int> threatBuildings)
    {
        if (threatBuildings.Count > 0)
        {
            return threatBuildings.Any(b => buildings[b].Contains(p));
        }

        return hotZones.Count > 0 ? hotZones.Exists(z => z.Contains(p)) : buildings.Exists(b => b.Contains(p));
    }

    private sealed record Area(Polygon Shape, double MinE, double MaxE, double MinN, double MaxN)
    {
        public static Area Of(Polygon shape) => new(shape,
            shape.Vertices.Min(v => v.East), shape.Vertices.Max(v => v.East),
            shape.Vertices.Min(v => v.North), shape.Vertices.Max(v => v.North));

        public bool Contains(LocalPoint p) => p.East >= MinE && p.East <= MaxE && p.North >= MinN && p.North <= MaxN && Shape.Contains(p);
    }
}
