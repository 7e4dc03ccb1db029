using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Threats;

namespace Command.Domain.Tests.Assessment;

public sealed class ThreatAndDistanceTests
{
    // A 20 m square building, east 10..30 and north -10..10, entered by a door in its west wall at (10, 0).
    private static Site Campus(Drill probe) => Drill.SiteWith(
        [new Building("B1", "Main hall", [probe.Geo(10, -10), probe.Geo(30, -10), probe.Geo(30, 10), probe.Geo(10, 10)])],
        new WalkGraph(
            [
                new WalkNode("outside-east", probe.Geo(40, 15), 0, "outdoor"),
                new WalkNode("outside-west", probe.Geo(10, 15), 0, "outdoor"),
                new WalkNode("west-door", probe.Geo(10, 0), 0, "door"),
                new WalkNode("hall", probe.Geo(20, 0), 0, "corridor"),
            ],
            [new WalkEdge("outside-east", "outside-west"), new WalkEdge("outside-west", "west-door"), new WalkEdge("west-door", "hall")]));

    [Fact]
    public void Path_distance_goes_round_the_wall_and_through_the_door()
    {
        var drill = new Drill(site: Campus(new Drill()));
        drill.Threat("T1", 20, 0);
        drill.Enrol("u1");

        drill.Fix("u1", new LocalPoint(40, 0));

        var u1 = drill.Assess("u1");
        Assert.Equal(20, u1.DistanceM!.Value, 6);
        Assert.Equal(RoundToTheDoor, u1.PathDistanceM!.Value, 6);
    }

    // From (40, 0), east of the hall: round its north-east and north-west corners a metre off the walls, (31, 11) and
    // (9, 11), to the door and 10 m in to the threat — not by the graph's outdoor nodes, 70 m.
    private static readonly double RoundToTheDoor = Math.Sqrt(202) + 22 + Math.Sqrt(122) + 10;

    [Theory]
    // East of the hall, its walk round to the west door 57 m: the board shows 57 m by path beside 20 m straight, and
    // the flag, read alone in the flag list, says both.
    [InlineData(40, "holding 95 s at 57 m from the threat by path (20 m straight); ")]
    // West of the door, in sight of it: 30 m to the door and 10 m in, the straight line's 40 m.
    [InlineData(-20, "holding 95 s at 40 m from the threat; ")]
    public void A_flag_says_the_straight_distance_too_where_the_walk_goes_round_a_wall(double east, string words)
    {
        var drill = new Drill(site: Campus(new Drill()));
        drill.Threat("T1", 20, 0);
        drill.Enrol("u1");
        drill.Enrol("far");
        drill.Move("u1", Drill.Still(east, 0));
        drill.Move("far", Drill.Still(800, 0));

        drill.Run(96);

        Assert.StartsWith(words, drill.Assess("u1").FlagReason);
    }

    [Theory]
    // A door drawn a few centimetres inside or outside its wall is a door from both sides.
    [InlineData(10.05)]
    [InlineData(9.95)]
    public void A_door_drawn_just_off_its_wall_is_walked_through_from_either_side(double doorEast)
    {
        var probe = new Drill();
        var site = Drill.SiteWith(
            [new Building("B1", "Main hall", [probe.Geo(10, -10), probe.Geo(30, -10), probe.Geo(30, 10), probe.Geo(10, 10)])],
            new WalkGraph(
                [
                    new WalkNode("outside-west", probe.Geo(10, 15), 0, "outdoor"),
                    new WalkNode("west-door", probe.Geo(doorEast, 0), 0, "door"),
                    new WalkNode("hall", probe.Geo(20, 5), 0, "corridor"),
                ],
                [new WalkEdge("outside-west", "west-door"), new WalkEdge("west-door", "hall")]));
        var drill = new Drill(site: site);
        drill.Threat("T1", 25, 5);
        drill.Enrol("outside");
        drill.Enrol("inside");

        drill.Fix("outside", new LocalPoint(-20, 0));
        drill.Fix("inside", new LocalPoint(12, -8));

        // 30 m to the door and 15.8 m across the hall to the threat, in sight of it; not 33.5 m round to the outdoor
        // node and 15 m back to the door, as when the door drawn inside its wall could not be seen from outside.
        Assert.Equal(30 + Math.Sqrt(250), drill.Assess("outside").PathDistanceM!.Value, 1);
        // Inside, the threat is in sight.
        Assert.Equal(Math.Sqrt(338), drill.Assess("inside").PathDistanceM!.Value, 1);
    }

    [Fact]
    public void Path_distance_is_the_straight_line_when_no_wall_stands_between()
    {
        var drill = new Drill(site: Campus(new Drill()));
        drill.Threat("T1", 20, 0);
        drill.Enrol("u1");

        drill.Fix("u1", new LocalPoint(20, 5));

        Assert.Equal(5, drill.Assess("u1").PathDistanceM!.Value, 6);
    }

    [Fact]
    public void Nearest_active_threat_is_used()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Threat("T2", 100, 0, ThreatPhase.Contained);
        drill.Threat("T3", 0, 300);
        drill.Enrol("u1");

        drill.Fix("u1", new LocalPoint(90, 0));

        var u1 = drill.Assess("u1");
        Assert.Equal("T1", u1.ThreatId);
        Assert.Equal(90, u1.DistanceM!.Value, 6);
    }

    [Fact]
    public void Threat_uncertainty_does_not_widen_the_contact_radius_by_default()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0, uncertaintyM: 20);
        drill.Enrol("near");
        drill.Move("near", Drill.Still(30, 0));

        drill.Run(60);

        // 30 m from a threat known to 20 m stopped short of the 15 m contact radius: that is a hold, not an arrival.
        Assert.Equal(MotionState.Holding, drill.Assess("near").State);
        Assert.Contains(drill.Derived, e => e is FlagRaised { Subject: "near" });
    }

    [Fact]
    public void Threat_uncertainty_widens_the_contact_radius_where_the_options_say_so()
    {
        var drill = new Drill(AssessmentOptions.Default with { ArrivalWidensByUncertainty = true });
        drill.Threat("T1", 0, 0, uncertaintyM: 20);
        drill.Enrol("near");
        drill.Enrol("far");
        drill.Move("near", Drill.Still(30, 0));
        drill.Move("far", Drill.Still(0, 40));

        drill.Run(60);

        Assert.Equal(MotionState.Arrived, drill.Assess("near").State);
        Assert.Equal(MotionState.Holding, drill.Assess("far").State);
        Assert.DoesNotContain(drill.Derived, e => e is FlagRaised { Subject: "near" });
    }

    [Fact]
    public void Unit_is_stale_after_three_of_its_usual_intervals_without_a_fix()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", Drill.Toward(900, 0, 1.5), cadence: 10);
        drill.Run(100);
        drill.Silence("u1");

        drill.Run(30);
        Assert.Equal(MotionState.Closing, drill.Assess("u1").State);
        drill.Run(1);
        Assert.Equal(MotionState.Stale, drill.Assess("u1").State);
        Assert.Equal(10, drill.Assess("u1").CadenceS);
        Assert.Empty(drill.Derived);
    }

    [Fact]
    public void Closing_rate_and_eta_follow_the_walk()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", Drill.Toward(600, 0, 2));

        drill.Run(60);

        var u1 = drill.Assess("u1");
        Assert.Equal(MotionState.Closing, u1.State);
        Assert.Equal(2, u1.ClosingRateMps!.Value, 9);
        Assert.Equal(240, u1.EtaS!.Value, 6);
        Assert.Equal(480, u1.DistanceM!.Value, 6);
    }

    [Fact]
    public void A_unit_shown_holding_has_no_eta_while_its_rate_still_spans_the_walk_in()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        // Walks in at 1.5 m/s for two minutes and stops 120 m out.
        drill.Move("u1", t => new LocalPoint(Math.Max(120, 300 - (1.5 * t)), 0));
        drill.Run(120);
        Assert.NotNull(drill.Assess("u1").EtaS);
        while (drill.Assess("u1").State != MotionState.Holding && drill.Elapsed < 180)
        {
            drill.Run(1);
        }

        var u1 = drill.Assess("u1");
        Assert.Equal(MotionState.Holding, u1.State);
        Assert.True(u1.ClosingRateMps > 0.3, $"rate {u1.ClosingRateMps}: the window no longer spans the walk");
        Assert.Null(u1.EtaS);
    }

    [Fact]
    public void Walk_graph_distance_field_routes_by_dijkstra()
    {
        var frame = new LocalFrame(Drill.Origin);
        var probe = new Drill();
        var network = new Domain.Walking.WalkNetwork(Campus(probe), frame, 3.5);
        var field = new Domain.Walking.DistanceField(network, new LocalPoint(20, 0), 0, 40, 3);

        Assert.Equal(RoundToTheDoor, field.PathDistance(new LocalPoint(40, 0), 0)!.Value, 6);
        Assert.Null(field.PathDistance(new LocalPoint(40, 0), 3));
        Assert.True(network.HasGraph);
        Assert.False(network.InSight(new LocalPoint(40, 0), new LocalPoint(20, 0)));
    }
}
