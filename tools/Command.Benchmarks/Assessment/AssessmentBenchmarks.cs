using BenchmarkDotNet.Attributes;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Benchmarks.Assessment;

/// <summary>
/// The assessment's cost in an incident of 200 units, each with a full rate window of 1 Hz fixes: one accepted fix
/// (that unit judged, the zones re-checked), and one clock tick between fixes (only what time alone can have changed
/// by then judged: a unit going stale, an acknowledgement running out; most ticks, nothing). On open ground, and on a
/// campus of two buildings and six zones, as a school's site has, whose buildings and zones every fix is tested
/// against. With <see cref="Speeds"/>, every report says the speed and course its receiver measured (those walking,
/// straight for the threat), and every other contact unit stands still (its hold shown by its own word, the track's
/// fixes fitted again on each), as most devices and a drill stalled outside a building give.
/// </summary>
[MemoryDiagnoser]
public class AssessmentBenchmarks
{
    private const int Units = 200;
    private static readonly GeoPoint Origin = new(40, -75);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly LocalFrame frame = new(Origin);
    private readonly List<IncidentEvent> recorded = [];
    private IncidentStream stream = null!;
    private long step;

    [Params("open", "campus", "walks")]
    public string Ground { get; set; } = "open";

    [Params(false, true)]
    public bool Speeds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Ticks recorded as inputs (the first schema), so a tick can be measured on its own.
        stream = new IncidentStream();
        var site = Ground switch
        {
            "campus" => Campus(),
            "walks" => Campus() with { Walks = Walks() },
            _ => new Site("bench", Origin, [], []),
        };
        Apply(new IncidentOpened("bench", "bench", site, false, "bench", IncidentSchema.RecordedTicks, AssessmentRules.Current), Start);
        Apply(new ThreatSet(new Threat("T1", Origin, 5, ThreatPhase.Active), "bench"), Start);
        for (var u = 0; u < Units; u++)
        {
            Apply(new UnitEnrolled($"u{u}", $"U{u}", u % 4 == 0 ? UnitRole.Perimeter : UnitRole.Contact, "bench"), Start);
        }

        // 40 s of history for every unit, so the rate window is full.
        for (step = 0; step < 40 * Units; step++)
        {
            Fix();
        }
    }

    [Benchmark(Description = "accepted fix, 200-unit incident")]
    public int AcceptedFix() => Fix();

    [Benchmark(Description = "clock tick, 200-unit incident")]
    public int ClockTick() => Apply(new ClockTicked(), Start.AddSeconds(step++ / (double)Units));

    // The threat's building and its gym, the hot zone around the first, and the zones a school drill draws round them.
    private Site Campus()
    {
        GeoPoint At(double east, double north) => frame.ToGeo(new LocalPoint(east, north));
        System.Collections.Immutable.ImmutableArray<GeoPoint> Box(double west, double south, double east, double north) =>
            [At(west, south), At(east, south), At(east, north), At(west, north)];
        return new Site("bench", Origin,
            [new Building("main", "Main building", Box(-40, -15, 40, 15)), new Building("gym", "Gymnasium", Box(55, -20, 95, 20))],
            [
                new Zone("hot", "Main building", ZoneKind.Hot, Box(-45, -20, 45, 20)),
                new Zone("warm", "School grounds", ZoneKind.Warm, Box(-70, -50, 105, 45)),
                new Zone("staging", "Staging", ZoneKind.Staging, Box(-140, -115, -100, -80)),
                new Zone("ccp", "Casualty collection", ZoneKind.CasualtyCollection, Box(-90, -75, -55, -52)),
                new Zone("post", "Perimeter post", ZoneKind.Perimeter, Box(44, 22, 58, 36)),
                new Zone("cp", "Command post", ZoneKind.Cold, Box(-175, -125, -145, -95)),
            ]);
    }

    // The demo school's walk graph: doors west, east and south, a corridor, a room, a stair and the floor above. Every
    // fix is walked to the threat from the nearest nodes its unit can see.
    private WalkGraph Walks()
    {
        GeoPoint At(double east, double north) => frame.ToGeo(new LocalPoint(east, north));
        return new WalkGraph(
            [
                new WalkNode("out-w", At(-48, -3), 0, "outdoor"), new WalkNode("door-w", At(-40, 0), 0, "door"),
                new WalkNode("cor-w", At(-30, 0), 0, "corridor"), new WalkNode("cor-mid", At(0, 0), 0, "corridor"),
                new WalkNode("cor-e", At(30, 0), 0, "corridor"), new WalkNode("room-114", At(28, 8), 0, "corridor"),
                new WalkNode("door-e", At(40, 0), 0, "door"), new WalkNode("door-s", At(0, -15), 0, "door"),
                new WalkNode("out-s", At(0, -25), 0, "outdoor"), new WalkNode("stair-0", At(10, 8), 0, "stair"),
                new WalkNode("stair-1", At(10, 8), 1, "stair"), new WalkNode("hall-1", At(-20, 8), 1, "corridor"),
            ],
            [
                new("out-w", "door-w"), new("door-w", "cor-w"), new("cor-w", "cor-mid"), new("cor-mid", "cor-e"), new("cor-e", "room-114"),
                new("cor-e", "door-e"), new("cor-mid", "door-s"), new("door-s", "out-s"), new("cor-mid", "stair-0"),
                new("stair-0", "stair-1", 9), new("stair-1", "hall-1"),
            ]);
    }

    private int Fix()
    {
        var unit = (int)(step % Units);
        var seconds = step / (double)Units;
        var bearing = unit * 0.0314;
        var standing = Speeds && unit % 2 == 1 && seconds >= 10;
        var distance = 1500 - (1.5 * (standing ? 10 : seconds)) + (7 * Math.Sin(step * 0.7));
        var at = new LocalPoint(distance * Math.Sin(bearing), distance * Math.Cos(bearing));
        var time = Start.AddSeconds(seconds);
        step++;
        double? speed = Speeds ? (standing ? 0.1 : 1.5) : null;
        double? course = Speeds ? ((bearing * 180 / Math.PI) + (standing ? 90 : 180)) % 360 : null;
        return Apply(new PositionAccepted(new PositionReport($"u{unit}", ReportSource.Simulator, time, frame.ToGeo(at), AccuracyM: 8, SpeedMps: speed, CourseDeg: course)), time);
    }

    private int Apply(IncidentEvent e, DateTimeOffset time)
    {
        recorded.Clear();
        stream.Record(e, time, recorded);
        return recorded.Count;
    }
}
