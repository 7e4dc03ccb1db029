using Command.Simulation.Engine;

namespace Command.Simulation.Tests.Engine;

public sealed class DrillClockTests
{
    private static readonly Domain.Geometry.LocalFrame Frame = new(TestScenarios.Origin);

    private const string Walker = """
        { "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "cadenceS": 1 },
          "script": [ { "do": "move", "to": { "east": 0, "north": 500 }, "speedMps": 1 } ] }
        """;

    [Fact]
    public async Task Pause_stops_reports_and_drill_time_and_resume_continues_from_there()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Walker));
        drill.Advance(10);
        await drill.Engine.PauseAsync(TestContext.Current.CancellationToken);
        drill.Advance(60);

        Assert.Equal((DrillState.Paused, TimeSpan.FromSeconds(10), 10), (drill.Engine.State, drill.Engine.Status.DrillTime, drill.Sink.Reports.Count));

        await drill.Engine.ResumeAsync(TestContext.Current.CancellationToken);
        drill.Advance(10);

        Assert.Equal(TimeSpan.FromSeconds(20), drill.Engine.Status.DrillTime);
        Assert.Equal(20, drill.Sink.Reports.Count);

        // The fix scripted at 10 s of drill time is sent after the pause, at the wall time the clock resumed.
        var first = drill.Sink.Reports[10];
        Assert.Equal(TestScenarios.Start.AddSeconds(70), first.FixTime);
        Assert.Equal(10.0, Math.Round(Frame.ToLocal(first.Position).North, 6));
    }

    [Fact]
    public async Task Speed_ten_advances_the_drill_ten_seconds_per_wall_second()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Walker), new() { Speed = 10 });
        drill.Advance(3);

        Assert.Equal(TimeSpan.FromSeconds(30), drill.Engine.Status.DrillTime);
        Assert.Equal(30, drill.Sink.Reports.Count);

        // Fix times are the wall instants the drill clock passed each fix: 0.1 s apart at 10×, none in the future.
        Assert.Equal(TestScenarios.Start.AddSeconds(2.9), drill.Sink.Reports[^1].FixTime);
        Assert.All(drill.Sink.Reports.Zip(drill.Sink.Reports.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(0.1), p.Second.FixTime - p.First.FixTime));
    }

    [Fact]
    public async Task Changing_speed_keeps_the_drill_time_already_played()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Walker));
        drill.Advance(10);
        await drill.Engine.SetSpeedAsync(4, TestContext.Current.CancellationToken);
        drill.Advance(5);

        Assert.Equal((TimeSpan.FromSeconds(30), 4.0), (drill.Engine.Status.DrillTime, drill.Engine.Status.Speed));
        Assert.Equal(30, drill.Sink.Reports.Count);
    }

    [Fact]
    public async Task Each_tick_sends_one_batch_of_what_fell_due()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Walker), new() { Speed = 10, TickInterval = TimeSpan.FromSeconds(1) });
        drill.Advance(3);

        Assert.Equal([10, 10, 10], drill.Sink.Batches.Select(b => b.Count));
    }

    [Theory]
    [InlineData(0.2, "speed 0.2 is outside 0.25-60 drill seconds to each second")]
    [InlineData(61, "speed 61 is outside 0.25-60 drill seconds to each second")]
    [InlineData(0.249, "speed 0.249 is outside 0.25-60 drill seconds to each second")]
    public void Speed_outside_a_quarter_to_sixty_is_refused_in_words(double speed, string expected)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DrillOptions { Speed = speed }.Validate());

        Assert.Equal(expected, DrillOptions.SpeedProblem(speed));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drill_without_looping_completes_at_the_end_of_its_script()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Walker, durationS: 30));
        drill.Advance(40);

        Assert.Equal((DrillState.Completed, 30), (drill.Engine.State, drill.Sink.Reports.Count));
        Assert.True(drill.Engine.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Looping_drill_restarts_the_script_at_its_end()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Walker, durationS: 30), new() { Loop = true });
        drill.Advance(45);

        var status = drill.Engine.Status;
        Assert.Equal((DrillState.Running, 1, TimeSpan.FromSeconds(15)), (status.State, status.Iteration, status.DrillTime));
        Assert.Equal(45, drill.Sink.Reports.Count);
        var north = drill.Sink.Reports.Select(r => Math.Round(Frame.ToLocal(r.Position).North, 6)).ToList();
        Assert.Equal([28.0, 29, 0, 1], north.Skip(28).Take(4));
        Assert.Equal(TestScenarios.Start.AddSeconds(30), drill.Sink.Reports[30].FixTime);
    }

    [Fact]
    public async Task Stop_ends_the_drill_and_no_more_reports_follow()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Walker));
        drill.Advance(5);
        await drill.Engine.StopAsync();
        drill.Advance(30);

        Assert.Equal((DrillState.Stopped, 5), (drill.Engine.State, drill.Sink.Reports.Count));
        Assert.True(drill.Engine.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Sink_failure_faults_the_drill_with_the_exception()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Walker));
        var failure = new InvalidOperationException("host refused the batch");
        drill.Sink.FailReportsWith = failure;
        drill.Advance(2);

        Assert.Equal(DrillState.Faulted, drill.Engine.State);
        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => drill.Engine.Completion));
    }

    [Fact]
    public async Task Resuming_a_running_drill_is_refused_with_its_state()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Walker));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => drill.Engine.ResumeAsync(TestContext.Current.CancellationToken));
        Assert.Equal("The drill is running, not paused.", e.Message);
    }

    [Fact]
    public async Task Starting_twice_is_refused()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Walker));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => drill.Engine.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal("The drill is running, not ready.", e.Message);
    }
}
