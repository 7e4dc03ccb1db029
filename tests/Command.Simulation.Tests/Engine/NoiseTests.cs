using Command.Domain.Geometry;
using Command.Simulation.Engine;

namespace Command.Simulation.Tests.Engine;

public sealed class NoiseTests
{
    [Fact]
    public async Task Gps_noise_with_a_seed_has_the_scripted_sigma()
    {
        // n = 2000 fixes of a unit standing at the origin with σ = 5 m on each axis. Bounds are four standard errors,
        // which a fair generator misses with probability under 1e-4 each; with a fixed seed the result is fixed:
        //   mean east, mean north: 0 ± 4σ/√n = ±0.447 m
        //   mean radial error (Rayleigh): σ√(π/2) = 6.267 m, ± 4σ√((4−π)/2)/√n = ±0.293 m
        //   sample standard deviation per axis: σ ± 4σ/√(2n) = 5 ± 0.316 m
        const double sigma = 5;
        const int n = 2000;
        var scenario = TestScenarios.With("""{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "cadenceS": 1, "noiseSigmaM": 5 } }""", durationS: 2100);
        await using var drill = await Drill.StartAsync(scenario, new() { Seed = 42, Speed = 60 });
        drill.Advance(n / 60.0);
        await drill.Engine.PauseAsync(TestContext.Current.CancellationToken);
        var errors = drill.Sink.Reports.Select(r => scenario.Frame.ToLocal(r.Position)).ToList();

        Assert.Equal(n, errors.Count);
        var meanEast = errors.Average(p => p.East);
        var meanNorth = errors.Average(p => p.North);
        Assert.InRange(meanEast, -4 * sigma / Math.Sqrt(n), 4 * sigma / Math.Sqrt(n));
        Assert.InRange(meanNorth, -4 * sigma / Math.Sqrt(n), 4 * sigma / Math.Sqrt(n));
        var radial = errors.Average(p => p.Length);
        var radialBound = 4 * sigma * Math.Sqrt((4 - Math.PI) / 2) / Math.Sqrt(n);
        Assert.InRange(radial, (sigma * Math.Sqrt(Math.PI / 2)) - radialBound, (sigma * Math.Sqrt(Math.PI / 2)) + radialBound);
        var sdEast = Math.Sqrt(errors.Sum(p => (p.East - meanEast) * (p.East - meanEast)) / (n - 1));
        Assert.InRange(sdEast, sigma - (4 * sigma / Math.Sqrt(2 * n)), sigma + (4 * sigma / Math.Sqrt(2 * n)));
    }

    [Fact]
    public async Task Outlier_lands_exactly_its_size_from_the_true_position()
    {
        var scenario = TestScenarios.With("""
            { "id": "U1", "role": "contact", "start": { "east": 10, "north": -10 },
              "reporting": { "cadenceS": 1, "outlierProbability": 1, "outlierM": 50 } }
            """);
        await using var drill = await Drill.StartAsync(scenario, new() { Seed = 1 });
        drill.Advance(20);

        var distances = drill.Sink.Reports.Select(r => Math.Round(scenario.Frame.ToLocal(r.Position).DistanceTo(new LocalPoint(10, -10)), 6)).ToList();
        Assert.Equal(Enumerable.Repeat(50.0, 20), distances);
        Assert.True(drill.Sink.Reports.Select(r => r.Position).Distinct().Count() == 20, "outliers should scatter in direction");
    }

    [Fact]
    public async Task Reports_carry_the_scripted_accuracy_callsign_and_simulator_source()
    {
        var scenario = TestScenarios.With("""{ "id": "U1", "callsign": "Adam 12", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "accuracyM": 8 } }""");
        await using var drill = await Drill.StartAsync(scenario);
        drill.Advance(1);

        var report = Assert.Single(drill.Sink.Reports);
        Assert.Equal(("U1", Domain.Reports.ReportSource.Simulator, 8.0, "Adam 12"), (report.UnitId, report.Source, report.AccuracyM!.Value, report.Callsign));
    }
}
