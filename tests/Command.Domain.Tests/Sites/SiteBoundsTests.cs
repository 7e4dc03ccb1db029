using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Validation;
using static Command.Domain.Tests.Sites.SiteDrafts;

namespace Command.Domain.Tests.Sites;

/// <summary>A hostile site is refused by its counts, in one finding per list, without reading its items.</summary>
public sealed class SiteBoundsTests
{
    [Fact]
    public void More_buildings_or_zones_than_allowed_is_one_finding_each()
    {
        var buildings = Enumerable.Range(0, SiteRules.MaxBuildings + 1).Select(_ => new BuildingDraft(null, null, null, null)).ToList();
        var zones = Enumerable.Range(0, SiteRules.MaxZones + 1).Select(_ => new ZoneDraft(null, null, null, null)).ToList();

        var check = SiteRules.Check(Campus() with { Buildings = buildings, Zones = zones });

        Assert.Equal(
            [new SiteFinding("buildings", RejectReason.Oversized, "has 501 buildings; at most 500"), new SiteFinding("zones", RejectReason.Oversized, "has 501 zones; at most 500")],
            check.Findings);
    }

    [Fact]
    public void A_ring_of_more_points_than_allowed_is_one_finding()
    {
        var ring = Enumerable.Range(0, SiteRules.MaxVertices + 1).Select(_ => (GeoPoint?)new GeoPoint(99, 0)).ToList();

        var check = SiteRules.Check(WithZone(new ZoneDraft("hot", null, "hot", ring)));

        Assert.Equal([new SiteFinding("zones[0].polygon", RejectReason.Oversized, "has 1001 points; at most 1000")], check.Findings);
    }

    [Fact]
    public void More_walk_nodes_than_allowed_leaves_the_edges_unjudged_against_them()
    {
        var nodes = Enumerable.Range(0, SiteRules.MaxWalkNodes + 1).Select(i => new WalkNodeDraft($"n{i}", At(0), null, "tunnel")).ToList();

        var check = SiteRules.Check(WithWalks(nodes, [new WalkEdgeDraft("n0", "elsewhere", null)]));

        Assert.Equal([new SiteFinding("walks.nodes", RejectReason.Oversized, "has 10001 nodes; at most 10000")], check.Findings);
    }

    [Fact]
    public void More_walk_edges_than_allowed_is_one_finding()
    {
        var edges = Enumerable.Range(0, SiteRules.MaxWalkEdges + 1).Select(_ => new WalkEdgeDraft("x", "y", -1)).ToList();

        var check = SiteRules.Check(WithWalks(edges: edges));

        Assert.Equal([new SiteFinding("walks.edges", RejectReason.Oversized, "has 20001 edges; at most 20000")], check.Findings);
    }

    [Fact]
    public void Past_the_limit_findings_end_with_one_saying_there_were_more()
    {
        var edges = Enumerable.Range(0, 300).Select(_ => new WalkEdgeDraft("door", "stair", -1)).ToList();

        var findings = SiteRules.Check(WithWalks(edges: edges)).Findings;

        Assert.Equal(SiteRules.MaxFindings + 1, findings.Count);
        Assert.Equal(new SiteFinding("", RejectReason.InvalidValue, "more than 100 problems; only the first 100 are listed"), findings[^1]);
        Assert.Equal("walks.edges[99].lengthM", findings[^2].Path);
    }
}
