using Command.Domain.Geometry;
using Command.Domain.Sites;

namespace Command.Simulation.Files;

internal sealed partial class ScenarioReader
{
    /// <summary>
    /// Reads the site's points in the file's own spellings, then judges the site against <see cref="SiteRules"/>, the
    /// rules the API's sites obey too. The walk graph is read first, so that footprints and polygons may name its nodes.
    /// </summary>
    private Site? ReadSite(SiteDocument? given, string path)
    {
        if (Required(given, path) is not { } s || Required(s.Origin, path + ".origin") is not { } o)
        {
            return null;
        }

        if (o.Lat is null && o.Lon is null)
        {
            Error(path + ".origin", "needs lat and lon: the origin is what local metres are measured from");
            return null;
        }

        if (Geo(o.Lat, o.Lon, path + ".origin") is not { } origin)
        {
            return null;
        }

        frame = new LocalFrame(origin);
        var walks = s.Walks is { } w ? ReadWalks(w, path + ".walks") : null;
        var draft = new SiteDraft(
            s.Name,
            origin,
            s.Buildings?.Select((b, i) => new BuildingDraft(b.Id, b.Name, b.Floors, Ring(b.Footprint, $"{path}.buildings[{i}].footprint"), b.GroundElevationM, b.ElevationDatum, b.FloorHeightM)).ToList(),
            s.Zones?.Select((z, i) => new ZoneDraft(z.Id, z.Name, z.Kind, Ring(z.Polygon, $"{path}.zones[{i}].polygon"))).ToList(),
            walks,
            s.TimeZone);
        var check = SiteRules.Check(draft);
        foreach (var finding in check.Findings)
        {
            Error(finding.PathUnder(path), finding.Message);
        }

        return check.Site;
    }

    /// <summary>The graph as written; each node placed and known by its id, so later points may name it.</summary>
    private WalkGraphDraft ReadWalks(WalksDocument walks, string path)
    {
        var drafts = new List<WalkNodeDraft>();
        foreach (var (n, i) in (walks.Nodes ?? []).Select((n, i) => (n, i)))
        {
            var position = Point(new PointDocument { East = n.East, North = n.North, Lat = n.Lat, Lon = n.Lon }, $"{path}.nodes[{i}]") is { } p
                ? frame!.ToGeo(p)
                : (GeoPoint?)null;
            drafts.Add(new WalkNodeDraft(n.Id, position, n.Floor, n.Kind));
            if (n.Id is { Length: > 0 } id && position is { } at)
            {
                // The first node of an id is the one a point names; SiteRules reports any other.
                nodes.TryAdd(id, new WalkNode(id, at, n.Floor ?? 0));
            }
        }

        return new WalkGraphDraft(drafts, walks.Edges?.Select(e => new WalkEdgeDraft(e.From, e.To, e.LengthM)).ToList());
    }

    /// <summary>A ring's points as written, each in local metres, WGS84 or a node; null where one cannot be read.</summary>
    private List<GeoPoint?>? Ring(List<PointDocument>? points, string path) =>
        points?.Select((p, i) => Point(p, $"{path}[{i}]") is { } local ? frame!.ToGeo(local) : (GeoPoint?)null).ToList();
}
