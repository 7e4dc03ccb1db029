using Command.Domain.Geometry;
using Command.Simulation.Engine;
using Microsoft.Extensions.Time.Testing;

namespace Command.Simulation.Tests.Engine;

/// <summary>
/// With noise 0 a fix is the scripted position exactly; the only error is the local→WGS84→local round trip,
/// which in doubles is below a nanometre at a few hundred metres, so positions are asserted to a micrometre.
/// </summary>
public sealed class MotionTests
{
    private const int Micrometre = 6;

    [Fact]
    public async Task Unit_follows_waypoints_at_the_scripted_speed()
    {
        var scenario = TestScenarios.With("""
            { "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "cadenceS": 1 },
              "script": [ { "do": "move", "to": { "east": 100, "north": 0 }, "speedMps": 2 },
                          { "do": "move", "to": { "east": 100, "north": 60 }, "speedMps": 3 } ] }
            """);
        var reports = await PlayAsync(scenario, TimeSpan.FromSeconds(80));

        Assert.Equal(80, reports.Count);
        foreach (var r in reports)
        {
            var t = TestScenarios.DrillSeconds(r.Report.FixTime);
            var expected = t <= 50 ? new LocalPoint(2 * t, 0) : new LocalPoint(100, Math.Min(60, 3 * (t - 50)));
            Assert.Equal(expected.East, r.Local.East, Micrometre);
            Assert.Equal(expected.North, r.Local.North, Micrometre);
        }

        Assert.Equal((2.0, 90.0), (reports[10].Report.SpeedMps!.Value, reports[10].Report.CourseDeg!.Value));
        Assert.Equal((3.0, 0.0), (reports[60].Report.SpeedMps!.Value, reports[60].Report.CourseDeg!.Value));
        Assert.Equal((0.0, null), (reports[79].Report.SpeedMps!.Value, reports[79].Report.CourseDeg));
    }

    [Fact]
    public async Task Path_passes_through_every_waypoint_at_its_speed()
    {
        var scenario = TestScenarios.With("""
            { "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "cadenceS": 5 },
              "script": [ { "do": "path", "via": [ { "east": 0, "north": 30 }, { "east": 40, "north": 30 } ], "speedMps": 2 } ] }
            """);
        var reports = await PlayAsync(scenario, TimeSpan.FromSeconds(40));

        Assert.Equal(new LocalPoint(0, 30), Round(reports[3].Local));
        Assert.Equal(new LocalPoint(20, 30), Round(reports[5].Local));
        Assert.Equal(new LocalPoint(40, 30), Round(reports[7].Local));
    }

    [Fact]
    public async Task Hold_keeps_the_unit_in_place_with_no_speed_and_no_course()
    {
        var scenario = TestScenarios.With("""
            { "id": "U1", "role": "contact", "start": { "east": -20, "north": 10 }, "reporting": { "cadenceS": 2 },
              "script": [ { "do": "hold", "durationS": 30 }, { "do": "move", "to": { "east": 0, "north": 10 }, "speedMps": 4 } ] }
            """);
        var reports = await PlayAsync(scenario, TimeSpan.FromSeconds(30));

        Assert.Equal(15, reports.Count);
        Assert.All(reports, r => Assert.Equal(new LocalPoint(-20, 10), Round(r.Local)));
        Assert.All(reports, r => Assert.Equal((0.0, null), (r.Report.SpeedMps!.Value, r.Report.CourseDeg)));
    }

    [Fact]
    public async Task Retreat_moves_straight_away_from_the_threat_by_the_distance()
    {
        // Threat at (0, 50); the unit at (0, 0) backs off due south 30 m at 1.5 m/s: 20 s, then stands at (0, -30).
        var scenario = TestScenarios.With("""
            { "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "cadenceS": 5 },
              "script": [ { "do": "retreat", "distanceM": 30, "speedMps": 1.5 } ] }
            """);
        var reports = await PlayAsync(scenario, TimeSpan.FromSeconds(30));
        var threat = new LocalPoint(0, 50);

        Assert.Equal([50.0, 57.5, 65, 72.5, 80, 80], reports.Select(r => Math.Round(r.Local.DistanceTo(threat), Micrometre)));
        Assert.Equal(180, reports[1].Report.CourseDeg);
    }

    private static LocalPoint Round(LocalPoint p) => new(Math.Round(p.East, Micrometre) + 0, Math.Round(p.North, Micrometre) + 0);

    private static async Task<List<(Domain.Reports.PositionReport Report, LocalPoint Local)>> PlayAsync(Scenarios.Scenario scenario, TimeSpan duration)
    {
        var clock = new FakeTimeProvider(TestScenarios.Start);
        var sink = new RecordingSink(clock);
        await using var engine = new DrillEngine(scenario, sink, clock);
        await engine.StartAsync(TestContext.Current.CancellationToken);
        clock.Advance(duration);
        await engine.PauseAsync(TestContext.Current.CancellationToken);
        return [.. sink.Reports.Select(r => (r, scenario.Frame.ToLocal(r.Position)))];
    }
}
