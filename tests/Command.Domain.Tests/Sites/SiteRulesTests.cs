using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Validation;
using static Command.Domain.Tests.Sites.SiteDrafts;

namespace Command.Domain.Tests.Sites;

public sealed class SiteRulesTests
{
    [Fact]
    public void A_valid_draft_becomes_the_site_with_its_defaults_filled_in()
    {
        var check = SiteRules.Check(Campus());

        var site = Assert.IsType<Site>(check.Site);
        Assert.Empty(check.Findings);
        Assert.Equal(("Campus", Origin), (site.Name, site.Origin));
        Assert.Equal(("main", "main", 1, 4), (site.Buildings[0].BuildingId, site.Buildings[0].Name, site.Buildings[0].Floors, site.Buildings[0].Footprint.Length));
        Assert.Equal(("hot", ZoneKind.Hot), (site.Zones[0].ZoneId, site.Zones[0].Kind));
        Assert.Equal([("door", 0, "door"), ("stair", 1, "stair")], site.Walks!.Nodes.Select(n => (n.NodeId, n.Floor, n.Kind)));
        Assert.Equal(new WalkEdge("door", "stair"), Assert.Single(site.Walks.Edges));
    }

    public static TheoryData<SiteDraft, SiteFinding> Spoiled => new()
    {
        { Campus() with { Name = " " }, new("name", RejectReason.MissingField, "is required") },
        { Campus() with { Name = new string('n', 201) }, new("name", RejectReason.Oversized, "is 201 characters long; at most 200") },
        { Campus() with { Origin = new GeoPoint(95, 10) }, new("origin", RejectReason.InvalidCoordinates, "lat 95 / lon 10 is outside WGS84 ranges") },
        {
            Campus() with { Origin = new GeoPoint(-89.9995, 0) },
            new("origin", RejectReason.InvalidCoordinates, "lat -89.9995 is within 5° of a pole: distances and closing rates are worked out on a flat map of the site, which does not hold there; a site's origin lies from 85° S to 85° N")
        },
        { WithBuilding(new(null, null, null, Square(0.001))), new("buildings[0].id", RejectReason.MissingField, "is required: 1-64 letters, digits, '-', '_' or '.'") },
        { WithBuilding(new("main hall", null, null, Square(0.001))), new("buildings[0].id", RejectReason.InvalidValue, "'main hall' is not an id: 1-64 letters, digits, '-', '_' or '.'") },
        { WithBuilding(new(new string('b', 65), null, null, Square(0.001))), new("buildings[0].id", RejectReason.InvalidValue, $"'{new string('b', 64)}…' (65 characters) is not an id: 1-64 letters, digits, '-', '_' or '.'") },
        { WithBuilding(new("main", new string('n', 201), null, Square(0.001))), new("buildings[0].name", RejectReason.Oversized, "is 201 characters long; at most 200") },
        { WithBuilding(new("main", null, 0, Square(0.001))), new("buildings[0].floors", RejectReason.InvalidValue, "must be 1-200 (was 0)") },
        { WithBuilding(new("main", null, 201, Square(0.001))), new("buildings[0].floors", RejectReason.InvalidValue, "must be 1-200 (was 201)") },
        { WithBuilding(new("main", null, 2, null)), new("buildings[0].footprint", RejectReason.MissingField, "is required: at least 3 points") },
        { WithBuilding(new("main", null, 2, [At(0), At(0.001)])), new("buildings[0].footprint", RejectReason.InvalidValue, "needs at least 3 points (has 2)") },
        { WithBuilding(new("main", null, 2, [At(0), new GeoPoint(44, 181), At(0.001, 0.001)])), new("buildings[0].footprint[1]", RejectReason.InvalidCoordinates, "lat 44 / lon 181 is outside WGS84 ranges") },
        { WithZone(new("hot", null, null, Square(0.001))), new("zones[0].kind", RejectReason.MissingField, "is required; one of hot, warm, cold, staging, casualty-collection or perimeter") },
        { WithZone(new("hot", null, "lukewarm", Square(0.001))), new("zones[0].kind", RejectReason.InvalidValue, "'lukewarm' is not a zone kind; expected hot, warm, cold, staging, casualty-collection or perimeter") },
        { WithWalks(nodes: [new("door", At(0), null, "ladder"), new("stair", At(0.0002), null, null)]), new("walks.nodes[0].kind", RejectReason.InvalidValue, "'ladder' is not a node kind; expected door, corridor, stair or outdoor") },
        { WithWalks(nodes: [new("door", At(0), -21, null), new("stair", At(0.0002), null, null)]), new("walks.nodes[0].floor", RejectReason.InvalidValue, "must be -20 to 200 (was -21)") },
        { WithWalks(nodes: [new("door", At(0), null, null), new("stair", new GeoPoint(double.NaN, 0), null, null)]), new("walks.nodes[1]", RejectReason.InvalidCoordinates, "lat NaN / lon 0 is outside WGS84 ranges") },
        { WithWalks(nodes: [new("door", At(0), null, null), new("door", At(0.0002), null, null)], edges: []), new("walks.nodes[1].id", RejectReason.InvalidValue, "'door' is already the id of another node") },
        { WithWalks(edges: [new("door", "lift", null)]), new("walks.edges[0].to", RejectReason.InvalidValue, "'lift' is not a node of the site's walk graph") },
        { WithWalks(edges: [new(null, "door", null)]), new("walks.edges[0].from", RejectReason.MissingField, "is required: the id of a node of the site's walk graph") },
        { WithWalks(edges: [new("door", "stair", 0)]), new("walks.edges[0].lengthM", RejectReason.InvalidValue, "must be more than 0 and at most 10000 m (was 0)") },
        { WithWalks(edges: [new("door", "stair", 10_000.5)]), new("walks.edges[0].lengthM", RejectReason.InvalidValue, "must be more than 0 and at most 10000 m (was 10000.5)") },
        { WithWalks(edges: [new("door", "stair", double.PositiveInfinity)]), new("walks.edges[0].lengthM", RejectReason.InvalidValue, "must be more than 0 and at most 10000 m (was Infinity)") },
    };

    [Theory]
    [MemberData(nameof(Spoiled))]
    public void A_broken_rule_is_one_finding_with_its_path_and_reason_and_no_site(SiteDraft draft, SiteFinding expected)
    {
        var check = SiteRules.Check(draft);

        Assert.Null(check.Site);
        Assert.Equal([expected], check.Findings);
    }

    [Fact]
    public void Ids_are_unique_within_their_list_but_a_zone_may_share_a_building_s_id()
    {
        var draft = Campus() with
        {
            Buildings = [new("main", null, null, Square(0.001)), new("main", null, null, Square(0.002))],
            Zones = [new("main", null, "hot", Square(0.001))],
        };

        Assert.Equal([new SiteFinding("buildings[1].id", RejectReason.InvalidValue, "'main' is already the id of another building")], SiteRules.Check(draft).Findings);
    }

    [Fact]
    public void Findings_come_name_origin_walks_buildings_zones_and_each_item_s_id_first()
    {
        var draft = new SiteDraft(
            null,
            new GeoPoint(-91, 0),
            [new("b 1", null, 0, Square(0.001))],
            [new("z 1", null, "tepid", [At(0)])],
            new WalkGraphDraft([], [new("a", "b", null)]));

        Assert.Equal(
            ["name", "origin", "walks.edges[0].from", "walks.edges[0].to", "buildings[0].id", "buildings[0].floors", "zones[0].id", "zones[0].kind", "zones[0].polygon"],
            SiteRules.Check(draft).Findings.Select(f => f.Path));
    }

    [Fact]
    public void An_unreadable_point_adds_no_finding_but_builds_no_site()
    {
        var check = SiteRules.Check(WithBuilding(new("main", null, null, [At(0), null, At(0.001), At(0.001, 0.001)])));

        Assert.Equal((null, 0), (check.Site, check.Findings.Count));
    }

    [Fact]
    public void Walk_node_kinds_are_read_in_any_case_and_kept_in_lower_case()
    {
        var site = SiteRules.Check(WithWalks(nodes: [new("door", At(0), null, " OUTDOOR "), new("stair", At(0.0002), null, "Stair")])).Site;

        Assert.Equal(["outdoor", "stair"], site!.Walks!.Nodes.Select(n => n.Kind));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("Door-1_b.2", true)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    [InlineData("a/b", false)]
    public void An_id_is_1_to_64_ascii_letters_digits_dashes_underscores_or_dots(string id, bool valid)
    {
        Assert.Equal(valid, SiteRules.IsValidId(id));
        Assert.Equal((true, false), (SiteRules.IsValidId(new string('x', 64)), SiteRules.IsValidId(new string('x', 65))));
    }
}
