using Command.Domain.AfterAction;
using Command.Domain.Assessment;
using Command.Domain.Views;
using Command.Grains.Incidents;
using Command.Host.Live;
using Command.Recording.Replay;

namespace Command.Host.Replays;

/// <summary>
/// One replay as a dashboard feed: the same frames as a live incident, on the replay's clock, sent to the
/// browsers that joined "replay:{id}". A seek sends a full frame that replaces what the view had.
/// </summary>
public sealed partial class ReplayPlayer(
    string replayId, ReplaySession session, Func<Task<AfterActionReport>> buildReport, FrameFanout fanout, TimeProvider clock, ILogger logger) : IAsyncDisposable
{
    /// <summary>How often a playing replay sends what changed. 100 ms, the live frame rate.</summary>
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly UnitChangeTracker sent = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Lazy<Task<AfterActionReport>> report = new(buildReport);
    private Task? loop;

    public string ReplayId { get; } = replayId;

    public string FeedId => $"replay:{ReplayId}";

    public DateTimeOffset LastUsed { get; private set; } = clock.GetUtcNow();

    public ReplayStatus Status => new(ReplayId, session.IncidentId, session.Start, session.End, session.Position, session.Speed, session.IsPaused, session.AtEnd);

    public void Start() => loop = RunAsync(stopping.Token);

    /// <summary>The session's after-action report, built once per replay: the chart asks for it on every selection.</summary>
    public Task<AfterActionReport> ReportAsync() => report.Value;

    public Task<IncidentFrame> SnapshotAsync() => WithGate(() =>
    {
        sent.Reset();
        return Task.FromResult(Frame(full: true, session.Projection.AssessAll(), []));
    });

    public Task PlayAsync(double? speed) => ControlAsync(() =>
    {
        if (speed is { } s)
        {
            session.SetSpeed(s);
        }

        session.Play();
        return Task.CompletedTask;
    });

    public Task PauseAsync() => ControlAsync(() =>
    {
        session.Pause();
        return Task.CompletedTask;
    });

    public Task StepAsync() => ControlAsync(async () => await PublishAsync(await session.StepAsync(stopping.Token)));

    public Task SeekAsync(DateTimeOffset instant) => ControlAsync(async () => await PublishAsync(await session.SeekAsync(instant, stopping.Token)));

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await session.DisposeAsync();
        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(FrameInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await WithGate(async () =>
                {
                    if (!session.IsPaused)
                    {
                        await PublishAsync(await session.AdvanceAsync(cancellationToken));
                    }

                    return true;
                });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: the replay was closed or expired.
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, ReplayId, session.IncidentId);
        }
    }

    private Task PublishAsync(ReplayFrame replayed)
    {
        if (replayed.Seeked)
        {
            sent.Reset();
        }

        var candidates = replayed.Seeked || replayed.Applied.Count > 0 ? session.Projection.AssessAll() : [];
        var frame = Frame(replayed.Seeked, candidates, [.. replayed.Applied.Where(NotableEvents.IsNotable)]);
        if (frame.Full || frame.Units.Length > 0 || frame.Events.Length > 0)
        {
            fanout.Publish(FeedId, frame);
        }

        return Task.CompletedTask;
    }

    private IncidentFrame Frame(bool full, IEnumerable<UnitAssessment> candidates, System.Collections.Immutable.ImmutableArray<Domain.Events.IncidentEvent> events) =>
        new(FeedId, session.Projection.LastSequence, session.Position, full, [.. sent.Changed(candidates)], [.. session.Projection.Threats.Values], events);

    private Task ControlAsync(Func<Task> action) => WithGate(async () =>
    {
        await action();
        return true;
    });

    private async Task<T> WithGate<T>(Func<Task<T>> action)
    {
        await gate.WaitAsync(stopping.Token);
        try
        {
            LastUsed = clock.GetUtcNow();
            return await action();
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Replay {ReplayId} of incident {IncidentId} stopped with an error")]
    private static partial void LogFailed(ILogger logger, Exception exception, string replayId, string incidentId);
}

/// <summary>Where a replay is: its session's span, its clock, speed and whether it plays.</summary>
public sealed record ReplayStatus(string ReplayId, string IncidentId, DateTimeOffset FirstTime, DateTimeOffset LastTime, DateTimeOffset Position, double Speed, bool Paused, bool AtEnd);
