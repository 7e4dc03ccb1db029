using System.Collections.Immutable;
using Command.Domain.Geometry;
using Command.Domain.Sites;

namespace Command.Domain.Tests.Sites;

/// <summary>Whether a site is only an origin, and how two sites' ground differs, in words a trainer can act on.</summary>
public sealed class SiteGroundTests
{
    private static readonly GeoPoint Origin = new(44.0, -100.0);
    private static readonly LocalFrame Frame = new(Origin);

    private static ImmutableArray<GeoPoint> Square(double north, double half) =>
        [Frame.ToGeo(new(-half, north - half)), Frame.ToGeo(new(half, north - half)), Frame.ToGeo(new(half, north + half)), Frame.ToGeo(new(-half, north + half))];

    // Built afresh each time: the same ground in arrays of its own, as a file read twice gives it.
    private static Site School(double north = 100) => new(
        "School", Origin,
        [new Building("main", "Main", Square(north, 20), 2)],
        [new Zone("hot", "Hot", ZoneKind.Hot, Square(north, 30))],
        new WalkGraph([new WalkNode("door", Frame.ToGeo(new(0, north - 20)), 0, "door")], []));

    [Fact]
    public void A_site_is_only_an_origin_until_it_has_a_building_a_zone_a_walk_graph_or_a_time_zone()
    {
        var bare = new Site("site", Origin, [], []);

        Assert.Equal(
            [true, true, false, false, false],
            [SiteGround.IsOriginOnly(bare), SiteGround.IsOriginOnly(bare with { Walks = WalkGraph.Empty }), SiteGround.IsOriginOnly(School()),
             SiteGround.IsOriginOnly(bare with { TimeZone = "America/Chicago" }), SiteGround.IsOriginOnly(bare with { Zones = School().Zones })]);
    }

    [Fact]
    public void How_much_ground_a_site_has_is_counted_in_words()
    {
        var bare = new Site("site", Origin, [], []);
        var more = School() with { Buildings = [.. School().Buildings, new Building("gym", "Gym", Square(300, 10))], Zones = [] };

        Assert.Equal(["no buildings, no zones", "1 building, 1 zone", "2 buildings, no zones"], [SiteGround.Counted(bare), SiteGround.Counted(School()), SiteGround.Counted(more)]);
    }

    [Fact]
    public void The_same_ground_in_other_arrays_under_another_name_and_origin_does_not_differ()
    {
        Assert.Empty(SiteGround.Differences(School(), School() with { Name = "Other", Origin = Frame.ToGeo(new(50, 0)) }, "the scenario"));
    }

    [Fact]
    public void Ground_that_differs_is_said_part_by_part()
    {
        var moved = School(north: 110);
        var more = School() with { Buildings = [.. School().Buildings, .. Enumerable.Range(1, 6).Select(i => new Building($"b{i}", $"B{i}", Square(300 + (50 * i), 10)))], TimeZone = "America/Chicago" };

        Assert.Equal(
            ["building 'main' is drawn otherwise than in the scenario", "zone 'hot' is drawn otherwise than in the scenario",
             "the walk graph is drawn otherwise than in the scenario"],
            SiteGround.Differences(School(), moved, "the scenario"));
        Assert.Equal(
            ["buildings main against the scenario's main, b1, b2, b3, b4 and 2 more", "time zone none against the scenario's America/Chicago"],
            SiteGround.Differences(School(), more, "the scenario"));
        Assert.Equal(
            ["a walk graph of 1 nodes and 0 edges against the scenario's 0 nodes and 0 edges"],
            SiteGround.Differences(School(), School() with { Walks = null }, "the scenario"));
    }
}
