using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;

namespace Command.Domain.Tests.Assessment;

public sealed class StairTests
{
    [Fact]
    public void Unit_climbing_stairs_is_not_alerted()
    {
        var drill = new Drill();
        drill.Threat("T1", 20, 0, floor: 2);
        drill.Enrol("u1");
        // 70 m to the stairwell at 1.5 m/s, two floors up at 0.2 m/s barely moving across, then 20 m to the threat.
        drill.Move("u1", t => t < 47 ? new LocalPoint(-70 + (1.5 * t), 0)
            : t < 82 ? new LocalPoint(0.5 + (0.02 * (t - 47)), 0)
            : new LocalPoint(Math.Min(20, 1.2 + (1.5 * (t - 82))), 0),
            altitude: t => 50 + (7 * Math.Clamp((t - 47) / 35, 0, 1)), verticalM: 0.5);

        drill.Run(130);

        Assert.Empty(drill.Derived);
        Assert.Equal(MotionState.Arrived, drill.Assess("u1").State);
        // Its altitude, a barometer's, comes without a datum: the climb shows, but not which floor it is on.
        Assert.Null(drill.Assess("u1").Floor);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    public void One_barometer_reading_off_as_a_unit_stops_does_not_hide_its_hold(int cadence)
    {
        // A tracker walks in from 300 m at 1.5 m/s with a barometer good to half a metre, and stops 150 m out at 100 s;
        // its first reading from the stop is 2 m high (a door slammed, a gust), the rest are right. Against that one
        // reading, every later fix was half a floor down from where the unit last made progress: taken as on the
        // stairs until its hold was judged from later on, it was flagged 130-160 s after it stopped.
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        var glitch = 100 + cadence - (100 % cadence);
        drill.Move("u1", Drill.Noisy(t => new LocalPoint(Math.Max(150, 300 - (1.5 * t)), 0), axisM: 3, biasM: 0, seed: 5), cadence, accuracyM: 4,
            altitude: t => 40 + (t == glitch ? 2 : 0.1 * Math.Sin(t)), verticalM: 0.5);

        drill.Run(300);

        var raised = Assert.Single(drill.Derived.OfType<FlagRaised>());
        Assert.StartsWith("holding", raised.Reason, StringComparison.Ordinal);
        Assert.InRange((raised.Time - Drill.Start).TotalSeconds, 100, 100 + 60 + (4 * cadence));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(30)]
    public void A_barometer_s_noise_over_a_long_hold_is_no_stair_climb(int cadence)
    {
        // Its latest reading against the middle of its first few from the hold was half a floor apart one time in three
        // hundred: a stair climb, shown on the board, which turned its alert to a watch and ended the hold; where its
        // rate said 0.3 m/s on the scatter, the flag came down as "closing at 0.4 m/s" while it stood, to be raised
        // again (rules version 62). A floor's change now shows on one report, half a floor on two in a row.
        var wrong = new List<string>();
        for (var seed = 1; seed <= 30; seed++)
        {
            var drill = HoldingTracker(seed, cadence, _ => 0);
            if (FirstClimbing(drill, 90, 480) is { } second)
            {
                wrong.Add($"seed {seed}: climbing at {second} s");
            }

            drill.Run(480 - drill.Elapsed);
            wrong.AddRange(drill.Derived.OfType<FlagCleared>().Select(c => $"seed {seed}: cleared at {(c.Time - Drill.Start).TotalSeconds} s, {c.Reason}"));
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(30)]
    public void A_slow_device_that_climbs_a_floor_is_on_the_stairs(int cadence)
    {
        // The same tracker climbs a floor (3.5 m) in 20 s from 200 s. One report a floor up is a climb; so are two in a
        // row half a floor up: one barometer reading that falls half-way, or the climb caught half-way, waits for the
        // next.
        var late = Enumerable.Range(1, 30)
            .Where(seed => FirstClimbing(HoldingTracker(seed, cadence, t => 3.5 * Math.Clamp((t - 200) / 20, 0, 1)), 200, 220 + (2 * cadence)) is null)
            .Select(seed => $"seed {seed}").ToList();

        Assert.Empty(late);
    }

    // A tracker with a barometer good to half a metre that walks in and holds 150 m out, reporting every `cadence`
    // seconds; its altitude risen by `risenM` at second t.
    private static Drill HoldingTracker(int seed, int cadence, Func<double, double> risenM)
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        var random = new Random(seed + 77);
        drill.Move("u1", Drill.Noisy(t => new LocalPoint(Math.Max(150, 240 - (1.5 * t)), 0), axisM: 4, biasM: 1, seed), cadence, accuracyM: 5,
            altitude: t => 40 + risenM(t) + (0.5 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())),
            verticalM: 0.5);
        return drill;
    }

    // The first second from `from` to `until` at which the board shows the unit climbing; the drill run to then.
    private static int? FirstClimbing(Drill drill, int from, int until)
    {
        drill.Run(from - drill.Elapsed);
        for (var second = from + 1; second <= until; second++)
        {
            drill.Run(1);
            if (drill.Assess("u1").Climbing)
            {
                return second;
            }
        }

        return null;
    }

    [Theory]
    [InlineData(null)]
    [InlineData(10.0)]
    public void A_gps_altitude_that_wanders_is_no_stair_climb(double? verticalM)
    {
        // Standing 80 m out for five minutes, reporting every 5 s with a phone's GPS altitude: it wanders 8 m from fix
        // to fix, stated as unknown (an ATAK self-report's le="9999999") or as 10 m. Taken as climbs, it ended the hold
        // every few fixes and the unit was never flagged.
        var flagged = Drill.FlaggedDraws(5, 300, (drill, seed) =>
        {
            var random = new Random(seed);
            drill.Move("u1", Drill.Noisy(Drill.Still(80, 0), axisM: 3, biasM: 1, seed), cadence: 5, accuracyM: 5,
                altitude: _ => 100 + (8 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())),
                datum: AltitudeDatum.Ellipsoid, verticalM: verticalM);
        });

        Assert.Equal(5, flagged.Count);
        Assert.All(flagged, f => Assert.Contains("holding", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Unit_lingering_by_the_stairs_without_altitude_is_watched_not_alerted()
    {
        var probe = new Drill();
        var site = Drill.SiteWith([], new WalkGraph(
            [
                new WalkNode("stair-0", probe.Geo(0, 0), 0, "stair"),
                new WalkNode("stair-1", probe.Geo(0, 0), 1, "stair"),
                new WalkNode("hall-1", probe.Geo(20, 0), 1, "corridor"),
            ],
            [new WalkEdge("stair-0", "stair-1"), new WalkEdge("stair-1", "hall-1")]));
        var drill = new Drill(site: site);
        drill.Threat("T1", 20, 0, floor: 1);
        drill.Enrol("u1");
        drill.Move("u1", Drill.Still(1, 0));

        drill.Run(180);

        var raised = Assert.Single(drill.Derived);
        Assert.Equal(new FlagRaised("u1", FlagLevel.Watch, "not-closing", "holding 39 s at 24 m from the threat by path (19 m straight); no backup reporting") { Time = Drill.Start.AddSeconds(40) }, raised with { Sequence = 0 });
        Assert.Equal(24.5, drill.Assess("u1").PathDistanceM!.Value, 6);
        Assert.Equal(FlagLevel.Watch, drill.Assess("u1").Flag);
    }

    [Fact]
    public void Unit_lingering_by_upper_stairs_with_no_floor_known_is_watched_not_alerted()
    {
        // The stairs from the first floor up stand 30 m from those from the ground, where a ground-floor hallway passes:
        // a unit of no known floor by them may be on its way up, whichever floor it is on.
        var probe = new Drill();
        var site = Drill.SiteWith([], new WalkGraph(
            [
                new WalkNode("stair-0", probe.Geo(0, 0), 0, "stair"),
                new WalkNode("hall-0a", probe.Geo(15, 0), 0, "corridor"),
                new WalkNode("hall-0b", probe.Geo(30, 3), 0, "corridor"),
                new WalkNode("hall-0c", probe.Geo(45, 0), 0, "corridor"),
                new WalkNode("stair-1a", probe.Geo(0, 0), 1, "stair"),
                new WalkNode("hall-1", probe.Geo(15, 0), 1, "corridor"),
                new WalkNode("stair-1b", probe.Geo(30, 0), 1, "stair"),
                new WalkNode("stair-2", probe.Geo(30, 0), 2, "stair"),
                new WalkNode("hall-2", probe.Geo(50, 0), 2, "corridor"),
            ],
            [new WalkEdge("stair-0", "hall-0a"), new WalkEdge("hall-0a", "hall-0b"), new WalkEdge("hall-0b", "hall-0c"), new WalkEdge("stair-0", "stair-1a"), new WalkEdge("stair-1a", "hall-1"), new WalkEdge("hall-1", "stair-1b"), new WalkEdge("stair-1b", "stair-2"), new WalkEdge("stair-2", "hall-2")]));
        var drill = new Drill(site: site);
        drill.Threat("T1", 50, 0, floor: 2);
        drill.Enrol("u1");
        drill.Move("u1", Drill.Still(31, 0));

        drill.Run(180);

        Assert.Equal(MotionState.Holding, drill.Assess("u1").State);
        Assert.Equal(FlagLevel.Watch, drill.Assess("u1").Flag);
        Assert.DoesNotContain(drill.Derived, e => e is FlagRaised { Level: FlagLevel.Alert } or FlagEscalated { Level: FlagLevel.Alert });
    }
}
