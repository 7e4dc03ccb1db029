namespace Command.Simulation.Tests.Engine;

public sealed class CadenceTests
{
    [Fact]
    public async Task Unit_reports_once_per_cadence_from_its_arrival()
    {
        var scenario = TestScenarios.With("""{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "arriveS": 10, "reporting": { "cadenceS": 2 } }""");
        await using var drill = await Drill.StartAsync(scenario);
        drill.Advance(60);

        // Fixes at 10, 12, ..., 58: the one at 60 s falls in the next tick.
        Assert.Equal(25, drill.Sink.Reports.Count);
        Assert.Equal(10, TestScenarios.DrillSeconds(drill.Sink.Reports[0].FixTime));
        Assert.Equal(58, TestScenarios.DrillSeconds(drill.Sink.Reports[^1].FixTime));
    }

    [Fact]
    public async Task Dropout_silences_the_unit_for_exactly_its_window()
    {
        var scenario = TestScenarios.With("""
            { "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 },
              "reporting": { "cadenceS": 2, "dropouts": [ { "fromS": 20, "toS": 30 } ] } }
            """);
        await using var drill = await Drill.StartAsync(scenario);
        drill.Advance(60);

        // 30 fixes in [0, 60) less the five at 20, 22, 24, 26 and 28.
        var times = drill.Sink.Reports.Select(r => TestScenarios.DrillSeconds(r.FixTime)).ToList();
        Assert.Equal(25, times.Count);
        Assert.Equal([16.0, 18, 30, 32], times.Where(t => t is >= 16 and <= 32));
    }

    [Fact]
    public async Task Jitter_varies_each_gap_within_the_stated_bound()
    {
        var scenario = TestScenarios.With("""{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "cadenceS": 2, "jitterS": 0.5 } }""");
        await using var drill = await Drill.StartAsync(scenario, new() { Seed = 7 });
        drill.Advance(200);

        var times = drill.Sink.Reports.Select(r => TestScenarios.DrillSeconds(r.FixTime)).ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, g => Assert.InRange(g, 1.5, 2.5));
        Assert.True(gaps.Distinct().Count() > gaps.Count / 2, "gaps should differ from one another");
    }

    [Fact]
    public async Task Same_seed_gives_the_same_reports_however_ticks_slice_the_drill()
    {
        var scenario = TestScenarios.With("""
            { "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 },
              "reporting": { "cadenceS": 1, "jitterS": 0.4, "noiseSigmaM": 4, "outlierProbability": 0.1 },
              "script": [ { "do": "move", "to": { "east": 200, "north": 0 }, "speedMps": 2 } ] }
            """);
        await using var coarse = await Drill.StartAsync(scenario, new() { Seed = 3, TickInterval = TimeSpan.FromSeconds(5) });
        await using var fine = await Drill.StartAsync(scenario, new() { Seed = 3, TickInterval = TimeSpan.FromMilliseconds(100) });
        coarse.Advance(60);
        fine.Advance(60);

        Assert.Equal(fine.Sink.Reports.Count, coarse.Sink.Reports.Count);
        Assert.Equal(fine.Sink.Reports, coarse.Sink.Reports);
    }
}
