using System.Globalization;
using Command.Domain.Geometry;
using Command.Domain.Validation;

namespace Command.Domain.Sites;

/// <summary>
/// The one set of rules every site obeys, whether it comes from the API or from a scenario file. The bounds keep a
/// hostile site from exhausting memory, or the walk-graph search that runs for every report:
/// <list type="bullet">
/// <item>the site has a name of at most <see cref="MaxNameLength"/> (200) characters; a building or zone name, when
/// given, is held to the same length (it defaults to the id);</item>
/// <item>buildings, zones and walk nodes have ids of 1-<see cref="MaxIdLength"/> (64) letters, digits, '-', '_' or
/// '.', unique within their list;</item>
/// <item>at most <see cref="MaxBuildings"/> (500) buildings of 1-<see cref="MaxFloors"/> (200) floors (default 1),
/// each with, optionally, its ground elevation (-1,000 to 10,000 m, with its datum, hae or msl) and the height of a
/// floor (<see cref="MinFloorHeightM"/> to <see cref="MaxFloorHeightM"/>, 2-10 m); and
/// at most <see cref="MaxZones"/> (500) zones of kind hot, warm, cold, staging, casualty-collection or perimeter;</item>
/// <item>footprints and zone polygons are rings of 3 to <see cref="MaxVertices"/> (1,000) valid WGS84 points, as is
/// the origin a valid point, from <see cref="MaxOriginLatitude"/> (85°) S to 85° N;</item>
/// <item>at most <see cref="MaxWalkNodes"/> (10,000) walk nodes, each a valid point on a floor from
/// <see cref="LowestFloor"/> (-20) to <see cref="HighestFloor"/> (200), default 0, of kind door, corridor (default),
/// stair or outdoor in any case; and at most <see cref="MaxWalkEdges"/> (20,000) edges, each between two nodes of the
/// graph, with a length, when given, above 0 and at most <see cref="MaxEdgeLengthM"/> (10,000) m.</item>
/// </list>
/// Findings come in a fixed order: the name, the origin, the walk graph, buildings, then zones, and within an item its
/// id first. A time zone, when given, is an IANA name this machine knows ("America/Denver"). A list over its bound is one finding, its items unread. At most <see cref="MaxFindings"/> (100) findings
/// are listed, then one saying there were more.
/// </summary>
public static partial class SiteRules
{
    /// <summary>Longest id of a building, zone or walk node. 64.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Longest name of the site, a building or a zone. 200.</summary>
    public const int MaxNameLength = 200;

    /// <summary>
    /// The furthest a site's origin lies from the equator, degrees: every fix is measured on a flat map about it, whose
    /// east-west scale is the origin's, and nearer a pole that scale changes too fast across a site for distances to hold.
    /// </summary>
    public const double MaxOriginLatitude = 85;

    /// <summary>Most buildings a site may have. 500.</summary>
    public const int MaxBuildings = 500;

    /// <summary>Most zones a site may have. 500.</summary>
    public const int MaxZones = 500;

    /// <summary>Most points in a footprint or zone polygon. 1,000.</summary>
    public const int MaxVertices = 1_000;

    /// <summary>Most nodes in a walk graph. 10,000.</summary>
    public const int MaxWalkNodes = 10_000;

    /// <summary>Most edges in a walk graph. 20,000.</summary>
    public const int MaxWalkEdges = 20_000;

    /// <summary>Most floors a building may have. 200.</summary>
    public const int MaxFloors = 200;

    /// <summary>Lowest floor of a walk node (0 is the ground, below it basements). -20.</summary>
    public const int LowestFloor = -20;

    /// <summary>Highest floor of a walk node. 200.</summary>
    public const int HighestFloor = 200;

    /// <summary>Longest stated length of a walk edge, metres. 10,000.</summary>
    public const double MaxEdgeLengthM = 10_000;

    /// <summary>Lowest height of one floor of a building, metres. 2.</summary>
    public const double MinFloorHeightM = 2;

    /// <summary>Highest height of one floor of a building, metres. 10.</summary>
    public const double MaxFloorHeightM = 10;

    /// <summary>Most findings listed for one draft. 100.</summary>
    public const int MaxFindings = 100;

    private const string IdShape = "1-64 letters, digits, '-', '_' or '.'";

    /// <summary>True for an id of 1-64 ASCII letters, digits, '-', '_' or '.': the shape of every id in the API.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Judges a draft against every rule, and builds the site when it passes.</summary>
    public static SiteCheck Check(SiteDraft draft)
    {
        var findings = new Findings();
        var name = Name(draft.Name, "name", required: true, findings);
        if (Point(draft.Origin, "origin", findings) && Math.Abs(draft.Origin!.Value.Latitude) > MaxOriginLatitude)
        {
            findings.Add("origin", RejectReason.InvalidCoordinates,
                $"lat {N(draft.Origin.Value.Latitude)} is within {90 - MaxOriginLatitude:0}° of a pole: distances and closing rates are worked out on a flat map of the site, which does not hold there; a site's origin lies from {MaxOriginLatitude:0}° S to {MaxOriginLatitude:0}° N");
        }

        var timeZone = TimeZone(draft.TimeZone, findings);
        var walks = draft.Walks is null ? null : Walks(draft.Walks, findings);
        var buildings = Buildings(draft.Buildings ?? [], findings);
        var zones = Zones(draft.Zones ?? [], findings);
        return findings.Clean
            ? new SiteCheck(new Site(name!.Trim(), draft.Origin!.Value, buildings, zones, walks, timeZone), [])
            : new SiteCheck(null, findings.List);
    }

    /// <summary>A name of at most <see cref="MaxNameLength"/> characters; null when absent (or too long).</summary>
    private static string? Name(string? name, string path, bool required, Findings findings)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            if (required)
            {
                findings.Add(path, RejectReason.MissingField, "is required");
            }

            return null;
        }

        if (name.Length > MaxNameLength)
        {
            findings.Add(path, RejectReason.Oversized, $"is {name.Length} characters long; at most {MaxNameLength}");
            return null;
        }

        return name;
    }

    /// <summary>An IANA time zone name this machine knows; null when absent or unknown (with a finding).</summary>
    private static string? TimeZone(string? name, Findings findings)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (name.Length <= MaxIdLength && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) && zone.HasIanaId)
        {
            return name;
        }

        findings.Add("timeZone", RejectReason.InvalidValue, $"{Quote(name)} is not an IANA time zone such as 'America/Denver'");
        return null;
    }

    /// <summary>A well-formed id not seen before in its list; null (with a finding) otherwise.</summary>
    private static string? Id(string? id, string path, HashSet<string> seen, string what, Findings findings)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            findings.Add(path, RejectReason.MissingField, $"is required: {IdShape}");
        }
        else if (!IsValidId(id))
        {
            findings.Add(path, RejectReason.InvalidValue, $"{Quote(id)} is not an id: {IdShape}");
        }
        else if (!seen.Add(id))
        {
            findings.Add(path, RejectReason.InvalidValue, $"{Quote(id)} is already the id of another {what}");
        }
        else
        {
            return id;
        }

        return null;
    }

    private static string OutsideWgs84(GeoPoint p) => $"lat {N(p.Latitude)} / lon {N(p.Longitude)} is outside WGS84 ranges";

    /// <summary>Text as sent, in quotes, cut short so a hostile value cannot swell the answer.</summary>
    private static string Quote(string text) => Quoted.Text(text);

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);
}
