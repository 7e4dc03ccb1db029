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
/// by then judged: a unit going stale, an acknowledgement running out; most ticks, nothing).
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

    [GlobalSetup]
    public void Setup()
    {
        // Ticks recorded as inputs (the first schema), so a tick can be measured on its own.
        stream = new IncidentStream();
        Apply(new IncidentOpened("bench", "bench", new Site("bench", Origin, [], []), false, "bench", IncidentSchema.RecordedTicks, AssessmentRules.Current), Start);
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

    private int Fix()
    {
        var unit = (int)(step % Units);
        var seconds = step / (double)Units;
        var bearing = unit * 0.0314;
        var distance = 1500 - (1.5 * seconds) + (7 * Math.Sin(step * 0.7));
        var at = new LocalPoint(distance * Math.Sin(bearing), distance * Math.Cos(bearing));
        var time = Start.AddSeconds(seconds);
        step++;
        return Apply(new PositionAccepted(new PositionReport($"u{unit}", ReportSource.Simulator, time, frame.ToGeo(at), AccuracyM: 8)), time);
    }

    private int Apply(IncidentEvent e, DateTimeOffset time)
    {
        recorded.Clear();
        stream.Record(e, time, recorded);
        return recorded.Count;
    }
}
