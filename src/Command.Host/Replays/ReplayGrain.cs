using Command.Domain.Assessment;
using Command.Domain.Views;
using Command.Grains.Directory;
using Command.Grains.Incidents;
using Command.Recording.Reading;
using Orleans.Utilities;

namespace Command.Host.Replays;

/// <summary>
/// A replay as a grain, so that the host it was opened on is not the only one that can play, pause or seek it: any
/// host's API calls it, and any host's browsers watch it through that host's subscription (as they watch a live
/// incident). The replay lives in memory on one silo; it is gone when that silo is, and a page asking for it is told
/// it is not open. One nobody calls or watches for <see cref="IdleLimit"/> closes.
/// </summary>
[CollectionAgeLimit(Minutes = 30)]
public sealed partial class ReplayGrain(
    SessionCatalogue catalogue, AssessmentOptions assessment, FramePacing pacing, [FromKeyedServices(ReplayClock.Key)] TimeProvider clock, ILogger<ReplayGrain> logger)
    : Grain, IReplayGrain
{
    /// <summary>A replay nobody touched or watched this long is closed: 30 minutes.</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(30);

    private readonly ObserverManager<IIncidentObserver> observers = new(TimeSpan.FromMinutes(2), logger);
    private ReplayPlayer? player;
    private IGrainTimer? ticker;

    public async Task<ReplayStatus> Open(string incidentId)
    {
        if (player is not null)
        {
            throw new InvalidOperationException($"Replay {this.GetPrimaryKeyString()} is open already.");
        }

        // A replay opened at the start of a closed incident has not yet folded the close, and would say it follows a
        // session that will never grow: the directory knows it is closed, and the catalogue asks the recording of one the
        // directory does not list.
        var listed = await GrainFactory.GetGrain<IIncidentDirectoryGrain>(IIncidentDirectoryGrain.Key).List();
        var closed = listed.Any(i => i.IncidentId == incidentId && i.ClosedAt is not null);
        var session = await catalogue.OpenReplayAsync(incidentId, assessment: assessment, follow: !closed, clock: clock, cancellationToken: CancellationToken.None);
        player = new ReplayPlayer(this.GetPrimaryKeyString(), session, frame => observers.Notify(o => o.OnFrame(frame)), pacing, clock);
        ticker = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(pacing.Interval, pacing.Interval));
        LogOpened(logger, player.ReplayId, incidentId);
        return player.Status;
    }

    public Task<ReplayStatus?> Status() => Task.FromResult(player?.Status);

    public Task<ReplayStatus?> Play(double? speed) => Control(p =>
    {
        p.Play(speed);
        return Task.CompletedTask;
    });

    public Task<ReplayStatus?> Pause() => Control(p =>
    {
        p.Pause();
        return Task.CompletedTask;
    });

    public Task<ReplayStatus?> Step() => Control(p => p.StepAsync());

    public Task<ReplayStatus?> Seek(DateTimeOffset instant) => Control(p => p.SeekAsync(instant));

    public Task<IncidentFrame?> GetFullFrame() => Task.FromResult(player?.FullFrame());

    public async Task<bool> Close()
    {
        if (player is null)
        {
            return false;
        }

        await PutDownAsync();
        DeactivateOnIdle();
        return true;
    }

    public Task<bool> Subscribe(IIncidentObserver observer)
    {
        if (player is null)
        {
            return Task.FromResult(false);
        }

        var added = !observers.Observers.ContainsKey(observer);
        observers.Subscribe(observer, observer);
        return Task.FromResult(added);
    }

    public Task Unsubscribe(IIncidentObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await PutDownAsync();

    private async Task<ReplayStatus?> Control(Func<ReplayPlayer, Task> action)
    {
        if (player is null)
        {
            return null;
        }

        await action(player);
        return player.Status;
    }

    private async Task TickAsync()
    {
        if (player is null)
        {
            return;
        }

        observers.ClearExpired();
        await player.TickAsync();
    }

    private async Task PutDownAsync()
    {
        ticker?.Dispose();
        ticker = null;
        observers.Clear();
        if (player is { } open)
        {
            player = null;
            await open.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay {ReplayId} of incident {IncidentId} opened")]
    private static partial void LogOpened(ILogger logger, string replayId, string incidentId);
}
