namespace Command.Domain.Sites;

/// <summary>
/// What a site has beyond its origin (buildings, zones, a walk graph, a time zone), and how two sites' differ: an
/// incident opened with only an origin has no site of its own yet, and one given elsewhere is not overwritten.
/// </summary>
public static class SiteGround
{
    // Ids named in a difference before the rest are counted: a site may have 500 buildings.
    private const int MostNamed = 5;

    /// <summary>How much ground a site has, as every view of it says it: "3 buildings, 5 zones", "1 building, no zones".</summary>
    public static string Counted(Site site) => $"{Count(site.Buildings.Length, "building")}, {Count(site.Zones.Length, "zone")}";

    /// <summary>True when <paramref name="site"/> is only an origin: no buildings, zones, walk graph or time zone.</summary>
    public static bool IsOriginOnly(Site site) =>
        site.Buildings.IsEmpty && site.Zones.IsEmpty && (site.Walks is null || site.Walks.Nodes.IsEmpty) && site.TimeZone is null;

    /// <summary>
    /// How <paramref name="theirs"/>'s buildings, zones, walk graph and time zone differ from <paramref name="ours"/>'s, a
    /// phrase for each that does ("buildings main against gym, main"); empty when they are the same ground. Names and
    /// origins are not compared: a site is its ground, and how far apart two origins may be is the caller's rule.
    /// </summary>
    public static IReadOnlyList<string> Differences(Site ours, Site theirs, string their)
    {
        var differences = new List<string>();
        if (Listed(ours.Buildings.Select(b => b.BuildingId), theirs.Buildings.Select(b => b.BuildingId), "buildings", their) is { } buildings)
        {
            differences.Add(buildings);
        }
        else if (ours.Buildings.Zip(theirs.Buildings).FirstOrDefault(p => !Same(p.First, p.Second)) is ({ } building, _))
        {
            differences.Add($"building '{building.BuildingId}' is drawn otherwise than in {their}");
        }

        if (Listed(ours.Zones.Select(z => z.ZoneId), theirs.Zones.Select(z => z.ZoneId), "zones", their) is { } zones)
        {
            differences.Add(zones);
        }
        else if (ours.Zones.Zip(theirs.Zones).FirstOrDefault(p => !Same(p.First, p.Second)) is ({ } zone, _))
        {
            differences.Add($"zone '{zone.ZoneId}' is drawn otherwise than in {their}");
        }

        var ourWalks = ours.Walks ?? WalkGraph.Empty;
        var theirWalks = theirs.Walks ?? WalkGraph.Empty;
        if (!ourWalks.Nodes.SequenceEqual(theirWalks.Nodes) || !ourWalks.Edges.SequenceEqual(theirWalks.Edges))
        {
            differences.Add(ourWalks.Nodes.Length == theirWalks.Nodes.Length && ourWalks.Edges.Length == theirWalks.Edges.Length
                ? $"the walk graph is drawn otherwise than in {their}"
                : $"a walk graph of {Graph(ourWalks)} against {their}'s {Graph(theirWalks)}");
        }

        if (ours.TimeZone != theirs.TimeZone)
        {
            differences.Add($"time zone {ours.TimeZone ?? "none"} against {their}'s {theirs.TimeZone ?? "none"}");
        }

        return differences;
    }

    private static string? Listed(IEnumerable<string> ours, IEnumerable<string> theirs, string what, string their)
    {
        var a = ours.ToList();
        var b = theirs.ToList();
        return a.SequenceEqual(b, StringComparer.Ordinal) ? null : $"{what} {Ids(a)} against {their}'s {Ids(b)}";
    }

    private static string Ids(List<string> ids) => ids.Count switch
    {
        0 => "none",
        <= MostNamed => string.Join(", ", ids),
        _ => $"{string.Join(", ", ids.Take(MostNamed))} and {ids.Count - MostNamed} more",
    };

    private static string Graph(WalkGraph walks) => $"{walks.Nodes.Length} nodes and {walks.Edges.Length} edges";

    private static bool Same(Building a, Building b) =>
        a with { Footprint = [] } == b with { Footprint = [] } && a.Footprint.SequenceEqual(b.Footprint);

    private static bool Same(Zone a, Zone b) =>
        a with { Polygon = [] } == b with { Polygon = [] } && a.Polygon.SequenceEqual(b.Polygon);

    private static string Count(int count, string what) => count switch
    {
        0 => $"no {what}s",
        1 => $"1 {what}",
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count} {what}s"),
    };
}
