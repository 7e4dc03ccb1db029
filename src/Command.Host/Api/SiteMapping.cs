using Command.Domain.Geometry;
using Command.Domain.Sites;

namespace Command.Host.Api;

/// <summary>
/// Turns a site from the API into the domain's: reads each field as the API spells it, then judges the whole against
/// <see cref="SiteRules"/>, the rules scenario files obey too, naming every invalid field.
/// </summary>
public static class SiteMapping
{
    /// <summary>The name of a site given without one (the API's convenience; scenario files must name theirs).</summary>
    public const string DefaultName = "site";

    /// <summary>The site, or null with every problem added to <paramref name="errors"/> as a field error under <c>site</c>.</summary>
    public static Site? Map(SiteDto? dto, List<FieldError> errors)
    {
        if (dto is null)
        {
            errors.Add(new FieldError("site", "missing-field", "an incident needs a site"));
            return null;
        }

        var draft = new SiteDraft(
            string.IsNullOrWhiteSpace(dto.Name) ? DefaultName : dto.Name,
            Read(dto.Origin, "site.origin", errors),
            dto.Buildings?.Select((b, i) => new BuildingDraft(b.Id, b.Name, b.Floors, Ring(b.Footprint, $"site.buildings[{i}].footprint", errors), b.GroundElevationM, b.ElevationDatum, b.FloorHeightM)).ToList(),
            dto.Zones?.Select((z, i) => new ZoneDraft(z.Id, z.Name, z.Kind, Ring(z.Polygon, $"site.zones[{i}].polygon", errors))).ToList(),
            dto.Walks is not { } walks ? null : new WalkGraphDraft(
                walks.Nodes?.Select((n, i) => new WalkNodeDraft(n.Id, Read(new LatLon(n.Lat, n.Lon), $"site.walks.nodes[{i}]", errors), n.Floor, n.Kind)).ToList(),
                walks.Edges?.Select(e => new WalkEdgeDraft(e.From, e.To, e.LengthM)).ToList()),
            dto.TimeZone);
        var check = SiteRules.Check(draft);
        errors.AddRange(check.Findings.Select(f => new FieldError(f.PathUnder("site"), f.Code, f.Message)));
        return check.Site;
    }

    /// <summary>
    /// The API's id shape, <see cref="SiteRules.IsValidId"/>: incidents and threats share it with sites. A unit id is any
    /// its reports may carry (<see cref="FieldError.UnitId"/>): a radio makes its own.
    /// </summary>
    public static bool IsValidId(string? id) => SiteRules.IsValidId(id);

    /// <summary>A point the API requires: both coordinates, inside WGS84 ranges.</summary>
    internal static GeoPoint? Point(LatLon? p, string field, List<FieldError> errors)
    {
        if (Read(p, field, errors) is not { } point)
        {
            return null;
        }

        if (!point.IsValid)
        {
            errors.Add(new FieldError(field, "invalid-coordinates", FormattableString.Invariant($"{point.Latitude},{point.Longitude} is outside WGS84 ranges")));
            return null;
        }

        return point;
    }

    /// <summary>
    /// A point as given, judged by <see cref="SiteRules"/> once read; null (with a missing-field error) when a
    /// coordinate is absent. Only the first <see cref="SiteRules.MaxFindings"/> such errors are listed, so a body
    /// of a million empty points cannot swell the answer.
    /// </summary>
    private static GeoPoint? Read(LatLon? p, string field, List<FieldError> errors)
    {
        if (p?.Lat is { } lat && p.Lon is { } lon)
        {
            return new GeoPoint(lat, lon);
        }

        if (errors.Count < SiteRules.MaxFindings)
        {
            errors.Add(new FieldError(field, "missing-field", "lat and lon are required"));
        }

        return null;
    }

    private static List<GeoPoint?>? Ring(List<LatLon>? points, string field, List<FieldError> errors) =>
        points?.Select((p, i) => Read(p, $"{field}[{i}]", errors)).ToList();
}
