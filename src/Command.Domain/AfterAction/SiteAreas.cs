using Command.Domain.Geometry;
using Command.Domain.Sites;

namespace Command.Domain.AfterAction;

/// <summary>A site's buildings and zones as local polygons, with bounding boxes so most fixes are ruled out cheaply.</summary>
internal sealed class SiteAreas
{
    private readonly List<(Polygon Shape, double MinE, double MaxE, double MinN, double MaxN, bool IsEntry)> areas = [];

    public SiteAreas(Site site, LocalFrame frame)
    {
        foreach (var building in site.Buildings.Where(b => b.Footprint.Length >= 3))
        {
            Add(Polygon.FromGeo(frame, building.Footprint), isEntry: true);
        }

        foreach (var zone in site.Zones.Where(z => z.Polygon.Length >= 3))
        {
            Add(Polygon.FromGeo(frame, zone.Polygon), isEntry: zone.Kind == ZoneKind.Hot);
        }
    }

    /// <summary>Whether a point is in any building or zone, and whether it is in a building or the hot zone.</summary>
    public (bool InAny, bool InEntry) Locate(LocalPoint p)
    {
        var any = false;
        foreach (var a in areas)
        {
            if (p.East < a.MinE || p.East > a.MaxE || p.North < a.MinN || p.North > a.MaxN || !a.Shape.Contains(p))
            {
                continue;
            }

            if (a.IsEntry)
            {
                return (true, true);
            }

            any = true;
        }

        return (any, false);
    }

    private void Add(Polygon shape, bool isEntry) => areas.Add((shape,
        shape.Vertices.Min(v => v.East), shape.Vertices.Max(v => v.East),
        shape.Vertices.Min(v => v.North), shape.Vertices.Max(v => v.North), isEntry));
}
