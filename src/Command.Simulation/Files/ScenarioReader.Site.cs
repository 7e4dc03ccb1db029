using System.Collections.Immutable;
using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Files;

internal sealed partial class ScenarioReader
{
    private static readonly string[] NodeKinds = ["door", "corridor", "stair", "outdoor"];

    private Site? ReadSite(SiteDocument? site, string path)
    {
        if (Required(site, path) is not { } s)
        {
            return null;
        }

        var name = RequiredText(s.Name, path + ".name");
        if (Required(s.Origin, path + ".origin") is not { } o)
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
        var walks = ReadWalks(s.Walks, path + ".walks");
        var buildings = ImmutableArray.CreateBuilder<Building>();
        var buildingIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (b, i) in (s.Buildings ?? []).Select((b, i) => (b, i)))
        {
            var at = $"{path}.buildings[{i}]";
            var id = Unique(b.Id, at + ".id", buildingIds, "building");
            var floors = b.Floors ?? 1;
            if (floors < 1)
            {
                Error(at + ".floors", $"must be 1 or more (was {floors})");
            }

            buildings.Add(new Building(id, b.Name ?? id, Ring(b.Footprint, at + ".footprint"), floors));
        }

        var zones = ImmutableArray.CreateBuilder<Zone>();
        var zoneIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (z, i) in (s.Zones ?? []).Select((z, i) => (z, i)))
        {
            var at = $"{path}.zones[{i}]";
            var id = Unique(z.Id, at + ".id", zoneIds, "zone");
            if (!ZoneKindNames.TryParse(z.Kind, out var kind))
            {
                Error(at + ".kind", z.Kind is null ? $"is required; one of {ZoneKindNames.Expected}" : $"'{z.Kind}' is not a zone kind; expected {ZoneKindNames.Expected}");
            }

            zones.Add(new Zone(id, z.Name ?? id, kind, Ring(z.Polygon, at + ".polygon")));
        }

        return new Site(name, origin, buildings.ToImmutable(), zones.ToImmutable(), walks);
    }

    private WalkGraph? ReadWalks(WalksDocument? walks, string path)
    {
        if (walks is null)
        {
            return null;
        }

        var graph = ImmutableArray.CreateBuilder<WalkNode>();
        foreach (var (n, i) in (walks.Nodes ?? []).Select((n, i) => (n, i)))
        {
            var at = $"{path}.nodes[{i}]";
            var id = RequiredText(n.Id, at + ".id");
            var kind = n.Kind ?? "corridor";
            if (!NodeKinds.Contains(kind))
            {
                Error(at + ".kind", $"'{kind}' is not a node kind; expected door, corridor, stair or outdoor");
            }

            var local = Point(new PointDocument { East = n.East, North = n.North, Lat = n.Lat, Lon = n.Lon }, at);
            if (id.Length > 0 && !nodes.TryAdd(id, new WalkNode(id, default, n.Floor ?? 0, kind)))
            {
                Error(at + ".id", $"'{id}' is already the id of another node");
            }
            else if (id.Length > 0 && local is { } p)
            {
                nodes[id] = new WalkNode(id, frame!.ToGeo(p), n.Floor ?? 0, kind);
                graph.Add(nodes[id]);
            }
        }

        var edges = ImmutableArray.CreateBuilder<WalkEdge>();
        foreach (var (e, i) in (walks.Edges ?? []).Select((e, i) => (e, i)))
        {
            var at = $"{path}.edges[{i}]";
            KnownNode(e.From, at + ".from");
            KnownNode(e.To, at + ".to");
            if (e.LengthM is { } length)
            {
                Positive(length, at + ".lengthM");
            }

            edges.Add(new WalkEdge(e.From ?? "", e.To ?? "", e.LengthM));
        }

        return new WalkGraph(graph.ToImmutable(), edges.ToImmutable());
    }

    private void KnownNode(string? id, string path)
    {
        if (RequiredText(id, path) is { Length: > 0 } known && !nodes.ContainsKey(known))
        {
            Error(path, $"'{known}' is not a node of the site's walk graph");
        }
    }

    private ImmutableArray<GeoPoint> Ring(List<PointDocument>? points, string path)
    {
        if (Required(points, path) is not { } list)
        {
            return [];
        }

        if (list.Count < 3)
        {
            Error(path, $"needs at least 3 points (has {list.Count})");
        }

        return [.. list.Select((p, i) => Point(p, $"{path}[{i}]")).OfType<LocalPoint>().Select(frame!.ToGeo)];
    }

    private string Unique(string? id, string path, HashSet<string> seen, string what)
    {
        var text = RequiredText(id, path);
        if (text.Length > 0 && !seen.Add(text))
        {
            Error(path, $"'{text}' is already the id of another {what}");
        }

        return text;
    }
}
