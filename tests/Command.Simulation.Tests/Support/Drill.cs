using Command.Simulation.Engine;
using Command.Simulation.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Command.Simulation.Tests.Support;

/// <summary>An engine on a fake clock with a recording sink: advance the clock, read what was sent.</summary>
internal sealed class Drill : IAsyncDisposable
{
    private readonly TimeSpan tick;

    private Drill(Scenario scenario, DrillOptions options)
    {
        tick = options.TickInterval;
        Clock = new FakeTimeProvider(TestScenarios.Start);
        Sink = new RecordingSink(Clock);
        Engine = new DrillEngine(scenario, Sink, Clock, options);
    }

    public FakeTimeProvider Clock { get; }

    public RecordingSink Sink { get; }

    public DrillEngine Engine { get; }

    public static async Task<Drill> StartAsync(Scenario scenario, DrillOptions? options = null)
    {
        var drill = new Drill(scenario, options ?? new DrillOptions());
        await drill.Engine.StartAsync(TestContext.Current.CancellationToken);
        return drill;
    }

    /// <summary>
    /// Moves the fake clock one tick interval at a time, as a real clock would: a single large Advance fires a
    /// periodic timer once, at the end, which would hide how the drill behaves tick by tick.
    /// </summary>
    public void Advance(double wallSeconds)
    {
        var remaining = TimeSpan.FromSeconds(wallSeconds);
        while (remaining > TimeSpan.Zero)
        {
            var step = remaining < tick ? remaining : tick;
            Clock.Advance(step);
            remaining -= step;
        }
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
