using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Simulation.Demo;

namespace Command.Simulation.Tests.Demo;

/// <summary>The demo's fixes run through the same checks the host applies at ingest, at the moment they are delivered.</summary>
public sealed class DemoIngestTests
{
    [Fact]
    public async Task At_real_time_the_host_would_accept_every_demo_fix()
    {
        var rejections = await PlayAndScreenAsync(speed: 1);

        Assert.Empty(rejections);
    }

    [Fact]
    public async Task Looping_demo_restarts_without_a_fix_the_host_would_refuse()
    {
        // Two whole runs: at the restart every unit jumps back to where it arrived, no faster than a person or car.
        var rejections = await PlayAndScreenAsync(speed: 1, runs: 2);

        Assert.Empty(rejections);
    }

    [Fact]
    public async Task At_ten_times_only_the_holding_officers_outliers_are_refused_for_implied_speed()
    {
        // At 10× a 35 m outlier 0.2 s after the previous fix implies over 80 m/s; honest fixes never do.
        var rejections = await PlayAndScreenAsync(speed: 10);

        Assert.NotEmpty(rejections);
        Assert.All(rejections, r => Assert.Equal((RejectReason.ImpliedSpeed, "S1"), (r.Reason, r.UnitId)));
    }

    private static async Task<List<(string UnitId, RejectReason Reason, string Detail)>> PlayAndScreenAsync(double speed, int runs = 1)
    {
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        await using var drill = await Drill.StartAsync(demo, new() { Speed = speed, Seed = 11, Loop = runs > 1 });
        drill.Advance(((runs * demo.DurationS) - 1) / speed);
        Assert.Equal(runs - 1, drill.Engine.Status.Iteration);

        var latest = new Dictionary<string, PositionReport>();
        var rejections = new List<(string UnitId, RejectReason Reason, string Detail)>();
        foreach (var (at, report) in drill.Sink.Received)
        {
            var rejection = ReportScreen.Check(report, at, ValidationOptions.Default)
                ?? FixSequence.Check(latest.GetValueOrDefault(report.UnitId), report, ValidationOptions.Default);
            if (rejection is null)
            {
                latest[report.UnitId] = report;
            }
            else
            {
                rejections.Add((report.UnitId, rejection.Reason, rejection.Detail));
            }
        }

        Assert.True(rejections.Count < drill.Sink.Received.Count / 100, $"{rejections.Count} of {drill.Sink.Received.Count} refused: {string.Join("; ", rejections)}");
        return rejections;
    }
}
