using System.Globalization;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Engine;

/// <summary>
/// Plays a scenario into a sink on a drill clock driven by a <see cref="TimeProvider"/>'s timers. Each tick sends
/// what fell due since the last. A report's fix time is the wall-clock instant the drill clock passed its scripted
/// moment (at most one tick ago), so the host's future and too-old checks hold at any speed.
/// </summary>
public sealed partial class DrillEngine : IAsyncDisposable
{
    private readonly Scenario scenario;
    private readonly string name;
    private readonly IDrillSink sink;
    private readonly TimeProvider clock;
    private readonly DrillOptions options;
    private readonly UnitReporter[] reporters;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? timer;
    private DrillState state = DrillState.Ready;
    private double speed;

    /// <summary>The scenario the drill plays.</summary>
    public Scenario Scenario => scenario;

    /// <param name="scenario">What it plays.</param>
    /// <param name="sink">Where its reports and commands go.</param>
    /// <param name="clock">The clock its drill clock runs on.</param>
    /// <param name="options">Speed, loop, seed; the defaults when null.</param>
    /// <param name="name">
    /// The name it was started by (a scenario file's, "demo"), which its status and refusals give; the scenario's title
    /// when null. Titles repeat (two files may share one, and "School B drill" names no file), names do not.
    /// </param>
    public DrillEngine(Scenario scenario, IDrillSink sink, TimeProvider clock, DrillOptions? options = null, string? name = null)
    {
        this.options = options ?? new DrillOptions();
        this.options.Validate();
        this.name = name ?? scenario.Name;
        Playable(scenario, this.name, this.options.Speed);
        this.scenario = scenario;
        this.sink = sink;
        this.clock = clock;
        speed = this.options.Speed;
        reporters = [.. scenario.Units.Select(u => new UnitReporter(u, scenario.Frame))];
        ResetReporters();
    }

    /// <summary>
    /// Throws unless the scenario keeps to the <see cref="ScenarioLimits"/> the drill clock counts on, as every file the
    /// check accepts does: a run of 1e12 s overflowed the drill's status once it started, wedging every control of it,
    /// and a cadence too fine to add to the clock would spin its reporter for ever. At <paramref name="speed"/> it sends
    /// at most <see cref="ScenarioLimits.MaxReportsPerSecond"/> reports a second.
    /// </summary>
    private static void Playable(Scenario scenario, string name, double speed)
    {
        if (!(scenario.DurationS is >= ScenarioLimits.MinDurationS and <= ScenarioLimits.MaxDurationS))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"scenario '{name}' runs {scenario.DurationS} s; a drill runs {ScenarioLimits.MinDurationS}-{ScenarioLimits.MaxDurationS} s"));
        }

        if (scenario.Units.FirstOrDefault(u => !(u.Reporting.CadenceS is >= ScenarioLimits.MinCadenceS and <= ScenarioLimits.MaxCadenceS)) is { } unit)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"unit '{unit.UnitId}' reports every {unit.Reporting.CadenceS} s; a device reports every {ScenarioLimits.MinCadenceS}-{ScenarioLimits.MaxCadenceS} s"));
        }

        if (ScenarioLimits.ReportRateProblem(scenario, speed, name) is { } flood)
        {
            throw new ArgumentException(flood);
        }
    }

    /// <summary>Completes when the drill stops, completes or faults (with the sink's exception).</summary>
    public Task Completion => completion.Task;

    public DrillState State => state;

    /// <summary>
    /// The instant, on its clock, its drill clock passed what it has sent: where a drill stopped part-way (its sink could
    /// not take what fell due next) stood still from.
    /// </summary>
    public DateTimeOffset SentUpTo => WallAt(ProcessedS);

    public DrillStatus Status => new(
        name, state, TimeSpan.FromSeconds(ScriptS), TimeSpan.FromSeconds(scenario.DurationS), speed, options.Loop, iteration, scenario.Name);

    /// <summary>Opens the incident through the sink and starts the drill clock at zero.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Expect(DrillState.Ready);
            await Guarded(() => sink.OpenAsync(scenario.Setup(), stopping.Token)).ConfigureAwait(false);
            Anchor();
            state = DrillState.Running;
            timer = clock.CreateTimer(_ => _ = TickAsync(), null, options.TickInterval, options.TickInterval);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Starts a drill part-way through, its incident already set up: the drill clock at <paramref name="drillTime"/>
    /// into loop <paramref name="iteration"/> (a drill carrying on on another host after its own went down). What was
    /// due before that is not sent again.
    /// </summary>
    public async Task StartAtAsync(TimeSpan drillTime, int iteration, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Expect(DrillState.Ready);
            this.iteration = iteration;
            ResetReporters();
            scriptS = Math.Clamp(drillTime.TotalSeconds, 0, scenario.DurationS);
            Anchor();
            state = DrillState.Running;
            timer = clock.CreateTimer(_ => _ = TickAsync(), null, options.TickInterval, options.TickInterval);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Sends what is due up to now, then freezes the drill clock: units stop reporting.</summary>
    public Task PauseAsync(CancellationToken cancellationToken = default) => ControlAsync(DrillState.Running, async () =>
    {
        await AdvanceAsync(clock.GetUtcNow()).ConfigureAwait(false);
        if (state == DrillState.Running)
        {
            state = DrillState.Paused;
            timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }, cancellationToken);

    /// <summary>
    /// Sends what fell due up to now, as the timer does, and completes when it is sent: for a caller that moves the
    /// clock itself (a simulated clock in a test) and must know the drill has caught up before it moves it again.
    /// </summary>
    public Task CatchUpAsync(CancellationToken cancellationToken = default) =>
        ControlAsync(DrillState.Running, () => AdvanceAsync(clock.GetUtcNow()), cancellationToken);

    /// <summary>Restarts the drill clock from where it was paused.</summary>
    public Task ResumeAsync(CancellationToken cancellationToken = default) => ControlAsync(DrillState.Paused, () =>
    {
        Anchor();
        state = DrillState.Running;
        timer?.Change(options.TickInterval, options.TickInterval);
        return Task.CompletedTask;
    }, cancellationToken);

    /// <summary>
    /// Changes the speed (0.25–60, and no faster than keeps the drill within <see cref="ScenarioLimits.MaxReportsPerSecond"/>)
    /// from now on; what is due at the old speed is sent first.
    /// </summary>
    public Task SetSpeedAsync(double newSpeed, CancellationToken cancellationToken = default)
    {
        DrillOptions.CheckSpeed(newSpeed);
        if (ScenarioLimits.ReportRateProblem(scenario, newSpeed, name) is { } flood)
        {
            throw new ArgumentOutOfRangeException(nameof(newSpeed), newSpeed, flood);
        }

        return ControlAsync(state == DrillState.Paused ? DrillState.Paused : DrillState.Running, async () =>
        {
            if (state == DrillState.Running)
            {
                await AdvanceAsync(clock.GetUtcNow()).ConfigureAwait(false);
            }

            Anchor();
            speed = newSpeed;
        }, cancellationToken);
    }

    /// <summary>Stops the drill for good; a tick in flight is cancelled.</summary>
    public async Task StopAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (state is DrillState.Ready or DrillState.Running or DrillState.Paused)
            {
                Finish(DrillState.Stopped);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        stopping.Dispose();
    }
}
