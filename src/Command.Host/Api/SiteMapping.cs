using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Command.Domain.Geometry;
using Command.Domain.Sites;

namespace Command.Host.Api;

/// <summary>Turns a site from the API into the domain's, naming every invalid field.</summary>
public static partial class SiteMapping
{
    public static Site? Map(SiteDto? dto, List<FieldError> errors)
    {
        if (dto is null)
        {
            errors.Add(new FieldError("site", "missing-field", "an incident needs a site"));
            return null;
        }

        var origin = Point(dto.Origin, "site.origin", errors);
        var buildings = (dto.Buildings ?? []).Select((b, i) => Building(b, $"site.buildings[{i}]", errors)).OfType<Building>().ToImmutableArray();
        var zones = (dto.Zones ?? []).Select((z, i) => Zone(z, $"site.zones[{i}]", errors)).OfType<Zone>().ToImmutableArray();
        Unique(zones.Select(z => z.ZoneId), "site.zones", errors);
        var walks = dto.Walks is null ? null : Walks(dto.Walks, errors);
        return origin is { } o ? new Site(string.IsNullOrWhiteSpace(dto.Name) ? "site" : dto.Name.Trim(), o, buildings, zones, walks) : null;
    }

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    internal static GeoPoint? Point(LatLon? p, string field, List<FieldError> errors)
    {
        if (p?.Lat is not { } lat || p.Lon is not { } lon)
        {
            errors.Add(new FieldError(field, "missing-field", "lat and lon are required"));
            return null;
        }

        var point = new GeoPoint(lat, lon);
        if (!point.IsValid)
        {
            errors.Add(new FieldError(field, "invalid-coordinates", FormattableString.Invariant($"{lat},{lon} is outside WGS84 ranges")));
            return null;
        }

        return point;
    }

    private static Building? Building(BuildingDto b, string field, List<FieldError> errors)
    {
        var ring = Ring(b.Footprint, $"{field}.footprint", errors);
        if (!IsValidId(b.Id))
        {
            errors.Add(new FieldError($"{field}.id", "invalid-value", "an id of 1-64 letters, digits, '-', '_' or '.' is required"));
        }

        if (b.Floors is < 1 or > 200)
        {
            errors.Add(new FieldError($"{field}.floors", "invalid-value", "floors must be 1-200"));
        }

        return ring is null || !IsValidId(b.Id) || b.Floors is < 1 or > 200 ? null : new Building(b.Id!, b.Name ?? b.Id!, ring.Value, b.Floors ?? 1);
    }

    private static Zone? Zone(ZoneDto z, string field, List<FieldError> errors)
    {
        var ring = Ring(z.Polygon, $"{field}.polygon", errors);
        var kindOk = ZoneKindNames.TryParse(z.Kind, out var kind);
        if (!kindOk)
        {
            errors.Add(new FieldError($"{field}.kind", "invalid-value", $"'{z.Kind}' is not one of {ZoneKindNames.Expected}"));
        }

        if (!IsValidId(z.Id))
        {
            errors.Add(new FieldError($"{field}.id", "invalid-value", "an id of 1-64 letters, digits, '-', '_' or '.' is required"));
        }

        return ring is null || !kindOk || !IsValidId(z.Id) ? null : new Zone(z.Id!, z.Name ?? z.Id!, kind, ring.Value);
    }

    private static ImmutableArray<GeoPoint>? Ring(List<LatLon>? points, string field, List<FieldError> errors)
    {
        if (points is null || points.Count < 3)
        {
            errors.Add(new FieldError(field, "invalid-value", "a polygon needs at least three points"));
            return null;
        }

        var ring = points.Select((p, i) => Point(p, $"{field}[{i}]", errors)).ToList();
        return ring.Any(p => p is null) ? null : [.. ring.Select(p => p!.Value)];
    }

    private static WalkGraph? Walks(WalksDto dto, List<FieldError> errors)
    {
        var nodes = new List<WalkNode>();
        foreach (var (n, i) in (dto.Nodes ?? []).Select((n, i) => (n, i)))
        {
            var p = Point(new LatLon(n.Lat, n.Lon), $"site.walks.nodes[{i}]", errors);
            if (!IsValidId(n.Id))
            {
                errors.Add(new FieldError($"site.walks.nodes[{i}].id", "invalid-value", "a node id is required"));
            }
            else if (p is { } point)
            {
                nodes.Add(new WalkNode(n.Id!, point, n.Floor ?? 0, n.Kind ?? "corridor"));
            }
        }

        Unique(nodes.Select(n => n.NodeId), "site.walks.nodes", errors);
        var ids = nodes.Select(n => n.NodeId).ToHashSet(StringComparer.Ordinal);
        var edges = new List<WalkEdge>();
        foreach (var (e, i) in (dto.Edges ?? []).Select((e, i) => (e, i)))
        {
            if (e.From is null || e.To is null || !ids.Contains(e.From) || !ids.Contains(e.To))
            {
                errors.Add(new FieldError($"site.walks.edges[{i}]", "invalid-value", $"edge {e.From}->{e.To} names a node that is not in the graph"));
            }
            else if (e.LengthM is < 0 or > 10_000 || (e.LengthM is { } l && !double.IsFinite(l)))
            {
                errors.Add(new FieldError($"site.walks.edges[{i}].lengthM", "invalid-value", "length must be 0-10000 m"));
            }
            else
            {
                edges.Add(new WalkEdge(e.From, e.To, e.LengthM));
            }
        }

        return new WalkGraph([.. nodes], [.. edges]);
    }

    private static void Unique(IEnumerable<string> ids, string field, List<FieldError> errors)
    {
        foreach (var duplicate in ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new FieldError(field, "invalid-value", $"id '{duplicate.Key}' is used more than once"));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex IdPattern();
}
