using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Tests.Assessment;
using Command.Domain.Walking;

namespace Command.Domain.Tests.Walking;

/// <summary>
/// The walk to a threat indoors from anywhere outside: round the buildings by their corners, so that it grows and
/// shrinks with the unit's steps and never jumps as a door comes within reach.
/// </summary>
public sealed class WalkRoundCornersTests
{
    // A school like the demo's: a main building 80 by 30 m with doors west, east and south and a corridor, the threat in a
    // room off its east end; a gym east of it. No node stands north of either.
    private static readonly LocalPoint Threat = new(28, 8);

    [Fact]
    public void Walking_in_from_the_south_the_walk_never_jumps_as_a_door_comes_within_reach()
    {
        var field = School();

        // Before, 63 m straight at 55 m out, then 101 m by path at 50 m as the south door came within 40 m.
        AssertSmooth(field, Enumerable.Range(0, 134).Select(i => new LocalPoint(28, -150 + i)));
    }

    [Fact]
    public void Walking_along_the_north_side_where_there_is_no_door_the_walk_goes_round_and_never_jumps()
    {
        var field = School();

        AssertSmooth(field, Enumerable.Range(0, 201).Select(i => new LocalPoint(-100 + i, 30)));
        AssertSmooth(field, Enumerable.Range(0, 103).Select(i => new LocalPoint(10, 120 - i)));
    }

    [Fact]
    public void From_a_side_with_no_door_the_walk_goes_round_the_nearest_corner_to_a_door()
    {
        var field = School();

        // From 10 m north of the main building's middle, east round its north-east corner, a metre off both walls at
        // (41, 16), to the east door (40, 0) and across the end of the corridor to the room (a door 14 m from it).
        var expected = new LocalPoint(0, 25).DistanceTo(new LocalPoint(41, 16)) + new LocalPoint(41, 16).DistanceTo(new LocalPoint(40, 0))
            + new LocalPoint(40, 0).DistanceTo(Threat);
        Assert.Equal(expected, field.PathDistance(new LocalPoint(0, 25), 0)!.Value, 6);
    }

    [Fact]
    public void A_line_through_a_buildings_own_corner_into_it_is_not_sight()
    {
        var network = new WalkNetwork(SchoolSite(new Drill()), new LocalFrame(Drill.Origin), 3.5);

        // From a metre off the main building's north-east corner along its diagonal into the corridor: it touches the
        // corner (40, 15) and crosses no wall, but it is inside the building from there.
        Assert.False(network.InSight(new LocalPoint(41, 16), new LocalPoint(26, 1)));
        // Along the east wall's line a metre out, and past the corner, it is sight.
        Assert.True(network.InSight(new LocalPoint(41, 16), new LocalPoint(41, -16)));
        Assert.True(network.InSight(new LocalPoint(41, 16), new LocalPoint(60, 35)));
    }

    [Fact]
    public void A_site_with_no_walk_graph_measures_the_straight_line_as_before()
    {
        var probe = new Drill();
        var site = Drill.SiteWith([probe.Box("main", -40, -15, 40, 15)]);

        Assert.False(new WalkNetwork(site, new LocalFrame(Drill.Origin), 3.5).HasGraph);
    }

    [Fact]
    public void Inside_a_building_a_unit_is_joined_to_the_few_nodes_near_it_not_to_every_corner_outside()
    {
        var field = School();

        // In the corridor's west end the threat is in sight: the straight line, as ever.
        Assert.Equal(new LocalPoint(-30, 0).DistanceTo(Threat), field.PathDistance(new LocalPoint(-30, 0), 0)!.Value, 6);
        // Inside the gym, which has no node: no walk is known from there (the straight line is taken instead).
        Assert.Null(field.PathDistance(new LocalPoint(75, 0), 0));
    }

    [Fact]
    public void On_a_campus_of_hundreds_of_buildings_the_corners_are_those_of_the_buildings_nearest_the_walk_graph()
    {
        // A kilometre east of the school, 300 sheds, listed first: 1,200 corners, more than the 256 a site is given.
        var probe = new Drill();
        var school = SchoolSite(probe);
        var sheds = Enumerable.Range(0, 300).Select(i => probe.Box($"shed-{i}", 1000 + (i % 20 * 20), (i / 20 * 20) - 150, 1010 + (i % 20 * 20), (i / 20 * 20) - 140, floors: 1));
        var campus = school with { Buildings = [.. sheds, .. school.Buildings] };
        var field = new DistanceField(new WalkNetwork(campus, new LocalFrame(Drill.Origin), 3.5), Threat, 0, 40, 3);

        // Round the school's north-east corner as on the school's own site.
        Assert.Equal(School().PathDistance(new LocalPoint(0, 25), 0)!.Value, field.PathDistance(new LocalPoint(0, 25), 0)!.Value, 6);
        AssertSmooth(field, Enumerable.Range(0, 201).Select(i => new LocalPoint(-100 + i, 30)));
    }

    [Fact]
    public void To_a_threat_outdoors_a_unit_inside_walks_out_by_the_nearest_door_and_round_the_corner()
    {
        var threat = new LocalPoint(0, 40);
        var field = new DistanceField(new WalkNetwork(SchoolSite(new Drill()), new LocalFrame(Drill.Origin), 3.5), threat, 0, 40, 3);

        // From the corridor's west end: 10 m to the west door, out round the north-west corner a metre off the walls
        // at (-41, 16), and across the grass to the threat.
        var expected = 10 + new LocalPoint(-40, 0).DistanceTo(new LocalPoint(-41, 16)) + new LocalPoint(-41, 16).DistanceTo(threat);
        Assert.Equal(expected, field.PathDistance(new LocalPoint(-30, 0), 0)!.Value, 6);
        // Outdoors in sight of it, the straight line.
        Assert.Equal(50, field.PathDistance(new LocalPoint(-30, 80), 0)!.Value, 6);
    }

    [Fact]
    public void A_round_building_drawn_with_more_corners_than_a_site_is_given_is_passed_by_not_the_rest()
    {
        // A water tower west of the school drawn as a circle of 300 points, nearer the walk graph's west door than the
        // school's own corners: it gets none, and the school still has its own.
        var probe = new Drill();
        var school = SchoolSite(probe);
        var tower = new Building("tower", "Water tower",
            [.. Enumerable.Range(0, 300).Select(i => probe.Geo(-60 + (3 * Math.Cos(i * Math.PI / 150)), -3 + (3 * Math.Sin(i * Math.PI / 150))))]);
        var site = school with { Buildings = [tower, .. school.Buildings] };
        var field = new DistanceField(new WalkNetwork(site, new LocalFrame(Drill.Origin), 3.5), Threat, 0, 40, 3);

        Assert.Equal(School().PathDistance(new LocalPoint(0, 25), 0)!.Value, field.PathDistance(new LocalPoint(0, 25), 0)!.Value, 6);
    }

    [Fact]
    public void An_officer_at_the_threat_by_a_wall_with_no_door_is_not_flagged_when_his_indoor_fixes_fall_outside_it()
    {
        // In by the east door and across the room to stand 5 m from the threat, 2 m inside the north wall, which has no
        // door; his fixes, 8 m off on each axis with a 3 m wandering bias, fall outside that wall as often as not. Out
        // there the walk round to the east door is 40-60 m, which read as a unit walking off and holding.
        static LocalPoint Path(double t) => t < 13 ? new LocalPoint(60 - (1.5 * t), 0)
            : new LocalPoint(40 - (12 * Math.Min(1, (t - 13) / 12)), 13 * Math.Min(1, (t - 13) / 12));
        Drill Create()
        {
            var drill = new Drill(site: SchoolSite(new Drill()));
            drill.Threat("T1", Threat.East, Threat.North);
            return drill;
        }

        var flagged = Drill.FlaggedDraws(20, 300, (drill, seed) => drill.Move("u1", Drill.Noisy(Path, 8, 3, seed), cadence: 5, accuracyM: 10), Create);

        Assert.Empty(flagged);
    }

    [Fact]
    public void An_officer_holding_outside_a_wall_with_no_door_by_the_threat_is_flagged_though_his_fixes_fall_inside()
    {
        // Up from the north to stand 8 m outside the north wall, 15 m from the threat through it; his fixes, 4 m off on
        // each axis with a 2 m wandering bias, fall inside the wall now and then. Nobody else comes.
        static LocalPoint Path(double t) => new(Threat.East, Math.Max(23, 100 - (1.5 * t)));
        Drill Create()
        {
            var drill = new Drill(site: SchoolSite(new Drill()));
            drill.Threat("T1", Threat.East, Threat.North);
            return drill;
        }

        var draws = Drill.Draws(20, 240, (drill, seed) => drill.Move("u1", Drill.Noisy(Path, 4, 2, seed), cadence: 5, accuracyM: 5), Create).ToList();

        // Stopped at 51 s. Within 3 m of the wall his distance is the straight line and 15 m out the walk round, and
        // between, part of each, for a fix there may be an indoor one thrown out through the wall: on 15 of the 20
        // draws flagged within a minute of stopping, on 3 more later, on 2 not at all — his fixes cannot be told from
        // contact. (By the straight line through the wall where no node was near, as before: 15, 4 and 1. By the whole
        // walk from wherever the fix lies: all 20 in time, but on the evaluation's buildings with walk graphs more
        // flags on units closing and in contact.)
        var flagged = draws.Where(d => d.Drill.Derived.OfType<FlagRaised>().Any()).ToList();
        Assert.True(flagged.Count >= 18, $"flagged on {flagged.Count} of 20");
        Assert.True(flagged.Count(d => (d.Drill.Derived.OfType<FlagRaised>().First().Time - Drill.Start).TotalSeconds <= 111) >= 15, "flagged within a minute on fewer than 15 of 20");
    }

    // Each step of a unit's walk changes its walk to the threat by no more than the step: it is a distance.
    private static void AssertSmooth(DistanceField field, IEnumerable<LocalPoint> walk)
    {
        var steps = walk.ToArray();
        for (var i = 1; i < steps.Length; i++)
        {
            var before = field.PathDistance(steps[i - 1], 0);
            var after = field.PathDistance(steps[i], 0);
            Assert.True(before is not null && after is not null, $"no walk known at {steps[i - 1]} or {steps[i]}");
            Assert.True(Math.Abs(after!.Value - before!.Value) <= steps[i].DistanceTo(steps[i - 1]) + 1e-6,
                $"the walk jumped from {before:F1} m at {steps[i - 1]} to {after:F1} m at {steps[i]}");
            Assert.True(after.Value >= steps[i].DistanceTo(Threat) - 1e-6, $"the walk at {steps[i]} is shorter than the straight line");
        }
    }

    private static DistanceField School()
    {
        var network = new WalkNetwork(SchoolSite(new Drill()), new LocalFrame(Drill.Origin), 3.5);
        return new DistanceField(network, Threat, 0, 40, 3);
    }

    private static Site SchoolSite(Drill probe) => Drill.SiteWith(
        [probe.Box("main", -40, -15, 40, 15, floors: 2), probe.Box("gym", 55, -20, 95, 20, floors: 1)],
        new WalkGraph(
            [
                new WalkNode("out-w", probe.Geo(-48, -3), 0, "outdoor"), new WalkNode("door-w", probe.Geo(-40, 0), 0, "door"),
                new WalkNode("cor-w", probe.Geo(-30, 0), 0, "corridor"), new WalkNode("cor-mid", probe.Geo(0, 0), 0, "corridor"),
                new WalkNode("cor-e", probe.Geo(30, 0), 0, "corridor"), new WalkNode("room", probe.Geo(Threat.East, Threat.North), 0, "corridor"),
                new WalkNode("door-e", probe.Geo(40, 0), 0, "door"), new WalkNode("door-s", probe.Geo(0, -15), 0, "door"),
                new WalkNode("out-s", probe.Geo(0, -25), 0, "outdoor"),
            ],
            [
                new WalkEdge("out-w", "door-w"), new WalkEdge("door-w", "cor-w"), new WalkEdge("cor-w", "cor-mid"), new WalkEdge("cor-mid", "cor-e"),
                new WalkEdge("cor-e", "room"), new WalkEdge("cor-e", "door-e"), new WalkEdge("cor-mid", "door-s"), new WalkEdge("door-s", "out-s"),
            ]));
}
