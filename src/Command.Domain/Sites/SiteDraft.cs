using Command.Domain.Geometry;

namespace Command.Domain.Sites;

/// <summary>
/// A site as a reader found it, before <see cref="SiteRules"/> has judged it: every field as given, null where it
/// was absent. Readers turn their own spelling of a point (lat/lon, metres from the origin, a walk-graph node) into
/// a <see cref="GeoPoint"/> and report what they cannot read; a point they could not read is null here, and the
/// rules pass over it without a second finding (but build no site from a draft that has one).
/// </summary>
/// <param name="Name">The site's name; required, at most <see cref="SiteRules.MaxNameLength"/> characters.</param>
/// <param name="Origin">What local metres are measured from.</param>
/// <param name="Buildings">Building footprints; none when null.</param>
/// <param name="Zones">Named areas; none when null.</param>
/// <param name="Walks">The walk graph; the site has none when null.</param>
/// <param name="TimeZone">The site's IANA time zone ("America/Denver"); UTC only when null.</param>
public sealed record SiteDraft(
    string? Name,
    GeoPoint? Origin,
    IReadOnlyList<BuildingDraft>? Buildings = null,
    IReadOnlyList<ZoneDraft>? Zones = null,
    WalkGraphDraft? Walks = null,
    string? TimeZone = null)
{
    /// <summary>
    /// The draft a built site is made from, each field as it stands: a site handed on (to an incident that is given its
    /// site) is judged by the same rules again.
    /// </summary>
    public static SiteDraft Of(Site site) => new(
        site.Name,
        site.Origin,
        [.. site.Buildings.Select(b => new BuildingDraft(b.BuildingId, b.Name, b.Floors, [.. b.Footprint.Select(p => (GeoPoint?)p)], b.GroundElevationM,
            b.ElevationDatum is { } datum ? Reports.AltitudeDatums.Name(datum) : null, b.FloorHeightM))],
        [.. site.Zones.Select(z => new ZoneDraft(z.ZoneId, z.Name, ZoneKindNames.Name(z.Kind), [.. z.Polygon.Select(p => (GeoPoint?)p)]))],
        site.Walks is { } walks
            ? new WalkGraphDraft([.. walks.Nodes.Select(n => new WalkNodeDraft(n.NodeId, n.Position, n.Floor, n.Kind))], [.. walks.Edges.Select(e => new WalkEdgeDraft(e.From, e.To, e.LengthM))])
            : null,
        site.TimeZone);
}

/// <summary>
/// A building as given: floors default to 1, the name to the id. Its ground floor's elevation, with the datum it is
/// measured from (<see cref="Reports.AltitudeDatums"/>: hae or msl), and the height of a floor let a reported altitude
/// tell a floor; all three are optional, and the elevation needs its datum.
/// </summary>
public sealed record BuildingDraft(
    string? Id,
    string? Name,
    int? Floors,
    IReadOnlyList<GeoPoint?>? Footprint,
    double? GroundElevationM = null,
    string? ElevationDatum = null,
    double? FloorHeightM = null);

/// <summary>A zone as given: kind by its wire name (<see cref="ZoneKindNames"/>), the name defaults to the id.</summary>
public sealed record ZoneDraft(string? Id, string? Name, string? Kind, IReadOnlyList<GeoPoint?>? Polygon);

/// <summary>A walk graph as given; a null list is an empty one.</summary>
public sealed record WalkGraphDraft(IReadOnlyList<WalkNodeDraft>? Nodes, IReadOnlyList<WalkEdgeDraft>? Edges);

/// <summary>A walk-graph node as given: floor defaults to 0 (ground), kind to corridor.</summary>
public sealed record WalkNodeDraft(string? Id, GeoPoint? Position, int? Floor, string? Kind);

/// <summary>A walk-graph edge as given: a null length is the straight line plus any floor change.</summary>
public sealed record WalkEdgeDraft(string? From, string? To, double? LengthM);
