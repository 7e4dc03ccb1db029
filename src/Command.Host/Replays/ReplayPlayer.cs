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
    string replayId, ReplaySession session, Func<Task<AfterActionReport>> buildReport, FrameFanout fanout, FramePacing pacing, TimeProvider clock, ILogger logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly FrameCoalescer frames = new();
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

    public Task<IncidentFrame> FullFrameAsync() => WithGate(() => Task.FromResult(frames.Restart(FeedId, session.Projection, session.Projection.LastSequence) with { Clock = session.Position }));

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
        using var timer = new PeriodicTimer(pacing.Interval, clock);
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

    // Only the units the replayed events touched are assessed again (all of them when the clock ticked): at 60x a
    // frame carries a few seconds of a drill, not the whole roster each time.
    private Task PublishAsync(ReplayFrame replayed)
    {
        IncidentFrame? frame;
        if (replayed.Seeked)
        {
            frame = frames.Restart(FeedId, session.Projection, session.Projection.LastSequence);
        }
        else
        {
            frames.Notice(replayed.Applied);
            if (replayed.Ticked)
            {
                frames.NoticeClock();
            }

            frame = frames.Take(FeedId, session.Projection, session.Projection.LastSequence);
        }

        if (frame is not null)
        {
            fanout.Publish(FeedId, frame with { Clock = session.Position, Threats = [.. session.Projection.Threats.Values] });
        }

        return Task.CompletedTask;
    }

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
