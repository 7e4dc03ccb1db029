using Command.Simulation.Engine;
using Microsoft.Extensions.Time.Testing;

namespace Command.Simulation.Tests.Engine;

/// <summary>The drill clock counts a drill of any length a scenario may have, and refuses one no scenario may have.</summary>
public sealed class DrillLengthTests
{
    private const string Holder = """
        { "id": "H1", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "cadenceS": 3600 },
          "script": [ { "do": "hold", "durationS": 86400 } ] }
        """;

    [Fact]
    public void An_engine_refuses_a_scenario_longer_than_a_drill_runs_before_it_plays_rather_than_overflowing_as_it_does()
    {
        var clock = new FakeTimeProvider(TestScenarios.Start);
        var scenario = TestScenarios.With(Holder, durationS: 600) with { DurationS = 1e12 };

        var e = Assert.Throws<ArgumentException>(() => new DrillEngine(scenario, new RecordingSink(clock), clock));

        Assert.Equal("scenario 'Test field' runs 1000000000000 s; a drill runs 10-86400 s", e.Message);
    }

    [Fact]
    public void An_engine_refuses_a_unit_reporting_faster_than_a_device_does()
    {
        var clock = new FakeTimeProvider(TestScenarios.Start);
        var scenario = TestScenarios.With(Holder, durationS: 600);
        var unit = scenario.Units[0];
        scenario = scenario with { Units = [unit with { Reporting = unit.Reporting with { CadenceS = 1e-300 } }] };

        var e = Assert.Throws<ArgumentException>(() => new DrillEngine(scenario, new RecordingSink(clock), clock));

        Assert.Equal("unit 'H1' reports every 1E-300 s; a device reports every 1-3600 s", e.Message);
    }

    [Fact]
    public async Task An_engine_refuses_a_speed_at_which_its_units_would_report_more_often_than_an_incident_takes()
    {
        // 100 units each reporting every second: 1,000 reports a second at 10x, and at 60x six times what an incident takes.
        var units = string.Join(",", Enumerable.Range(0, 100).Select(i =>
            $$"""{ "id": "U{{i}}", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "cadenceS": 1 } }"""));
        var scenario = TestScenarios.With(units);
        var clock = new FakeTimeProvider(TestScenarios.Start);
        const string Said = "scenario 'Test field' sends 100 reports a second at speed 1 (100 units, one a cadence each), 6000 at speed 60; an incident takes at most 1000 a second from a drill: play it at speed 10 or less";

        var tooFast = Assert.Throws<ArgumentException>(() => new DrillEngine(scenario, new RecordingSink(clock), clock, new DrillOptions { Speed = 60 }));
        await using var drill = await Drill.StartAsync(scenario, new DrillOptions { Speed = 10 });
        var faster = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => drill.Engine.SetSpeedAsync(60, TestContext.Current.CancellationToken));

        Assert.Equal(Said, tooFast.Message);
        Assert.StartsWith(Said, faster.Message, StringComparison.Ordinal);
        Assert.Equal((DrillState.Running, 10), (drill.Engine.Status.State, drill.Engine.Status.Speed));
    }

    [Fact]
    public async Task The_longest_drill_a_file_may_hold_keeps_its_status_at_the_fastest_speed_round_after_round()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Holder, durationS: 86400), new DrillOptions { Speed = 60, Loop = true });

        // Two rounds of a day each at 60x: 2,880 s of wall time, and a quarter of an hour into the third.
        drill.Advance(2880 + 15);
        var status = drill.Engine.Status;

        Assert.Equal((DrillState.Running, 2, TimeSpan.FromSeconds(900), TimeSpan.FromDays(1)), (status.State, status.Iteration, status.DrillTime, status.Duration));
        // A fix an hour: 24 a round, and the third round's first.
        Assert.Equal(24 + 24 + 1, drill.Sink.Reports.Count);
    }
}
