using Command.Domain.Assessment;
using Command.Domain.Views;
using Command.Grains;
using Command.Grains.Directory;
using Command.Grains.Incidents;
using Command.Recording.Reading;
using Orleans.Placement;
using Orleans.Utilities;

namespace Command.Host.Replays;

/// <summary>
/// A replay as a grain, so that the host it was opened on is not the only one that can play, pause or seek it: any
/// host's API calls it, and any host's browsers watch it through that host's subscription (as they watch a live
/// incident). It plays in memory on one silo and saves its place whenever it is opened or controlled, and every
/// <see cref="SaveEvery"/> while it is open; when that silo dies, the next call (an API call, or a watching host
/// subscribing again) opens it on another at the instant it has reached by then, playing or paused as it was. One closed, or that nobody called or watched for
/// <see cref="IdleLimit"/> (its host alive or not), forgets its place and stays closed. While it is open it is listed in
/// <see cref="IReplayRoster"/>, for those who may watch it to find.
/// </summary>
// Never moved, its host stopping included: what it plays is held in memory for those watching and is not carried by a
// move; the next call opens it again from its saved place wherever it lands, and a single host has nowhere to move it to.
[CollectionAgeLimit(Minutes = 30)]
[Immovable]
public sealed partial class ReplayGrain(
    [PersistentState("replay", GrainStorage.Durable)] IPersistentState<ReplayGrainState> state,
    SessionCatalogue catalogue,
    AssessmentOptions assessment,
    FramePacing pacing,
    [FromKeyedServices(ReplayClock.Key)] TimeProvider clock,
    ILogger<ReplayGrain> logger) : Grain, IReplayGrain
{
    /// <summary>A replay nobody touched or watched this long is closed: 30 minutes.</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How often an open replay saves its place though nobody controls it: 1 minute. The roster lists it from there, and
    /// a place not saved for <see cref="IdleLimit"/> is a replay whose host went down and nobody came back to.
    /// </summary>
    public static readonly TimeSpan SaveEvery = TimeSpan.FromMinutes(1);

    private readonly ObserverManager<IIncidentObserver> observers = new(TimeSpan.FromMinutes(2), logger);
    private ReplayPlayer? player;
    private IGrainTimer? ticker;

    private string ReplayId => this.GetPrimaryKeyString();

    public async Task<ReplayStatus> Open(string incidentId, ReplayCaller openedBy)
    {
        if (player is not null || state.State.Place is not null)
        {
            throw new InvalidOperationException($"Replay {ReplayId} is open already.");
        }

        // A replay opened at the start of a closed incident has not yet folded the close, and would say it follows a
        // session that will never grow: the directory knows it is closed, and the catalogue asks the recording of one the
        // directory does not list.
        var listed = await GrainFactory.GetGrain<IIncidentDirectoryGrain>(IIncidentDirectoryGrain.Key).List();
        var closed = listed.Any(i => i.IncidentId == incidentId && i.ClosedAt is not null);
        var session = await catalogue.OpenReplayAsync(incidentId, assessment: assessment, follow: !closed, clock: clock, cancellationToken: CancellationToken.None);
        (state.State.OpenedBy, state.State.OpenedById, state.State.OpenedAt) = (openedBy.Name, openedBy.Id, clock.GetUtcNow());
        (state.State.ChangedBy, state.State.ChangedById, state.State.ChangedAt) = (null, null, null);
        var opened = Start(session);
        await SaveAsync(opened);
        LogOpened(logger, ReplayId, incidentId);
        return Stated(opened.Status);
    }

    public Task<ReplayStatus?> Status() => Control(null, _ => Task.CompletedTask);

    public Task<ReplayStatus?> Play(double? speed, ReplayCaller by) => Control(by, p => p.PlayAsync(speed));

    public Task<ReplayStatus?> Pause(ReplayCaller by) => Control(by, p =>
    {
        p.Pause();
        return Task.CompletedTask;
    });

    public Task<ReplayStatus?> Step(ReplayCaller by) => Control(by, p => p.StepAsync());

    public Task<ReplayStatus?> Seek(DateTimeOffset instant, ReplayCaller by) => Control(by, p => p.SeekAsync(instant));

    public Task<ReplayStatus?> LookAgain() => Control(null, p => p.LookAgainAsync());

    public async Task<IncidentFrame?> GetFullFrame() => (await PlayerAsync())?.FullFrame();

    public async Task<bool> Close(ReplayCaller by)
    {
        if (player is null && state.State.Place is null)
        {
            return false;
        }

        Drives(by);
        await ForgetAsync();
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

    // Each control saves the replay's place, so that another host can open it where it is: at most one tick of play is
    // lost with the silo, not the replay. A control is the driver's, and says who made it; reading the status is anyone's.
    private async Task<ReplayStatus?> Control(ReplayCaller? by, Func<ReplayPlayer, Task> action)
    {
        if (await PlayerAsync() is not { } open)
        {
            return null;
        }

        if (by is not null)
        {
            Drives(by);
        }

        await action(open);
        if (by is not null)
        {
            (state.State.ChangedBy, state.State.ChangedById, state.State.ChangedAt) = (by.Name, by.Id, clock.GetUtcNow());
            await SaveAsync(open);
        }

        return Stated(open.Status);
    }

    /// <summary>
    /// Refuses <paramref name="by"/> unless they opened the replay or may drive any (<see cref="ReplayCaller.Drives"/>).
    /// </summary>
    private void Drives(ReplayCaller by)
    {
        if (!by.Drives(state.State.OpenedBy, state.State.OpenedById))
        {
            throw new ReplayNotYoursException(ReplayId, state.State.OpenedBy);
        }
    }

    /// <summary>The player's status, with who drives the replay and who last changed it, each by name and identity.</summary>
    private ReplayStatus Stated(ReplayStatus status) => status with
    {
        DrivenBy = state.State.OpenedBy, DrivenById = state.State.OpenedById,
        ChangedBy = state.State.ChangedBy, ChangedById = state.State.ChangedById, ChangedAt = state.State.ChangedAt,
    };

    private async Task TickAsync()
    {
        if (player is null)
        {
            return;
        }

        observers.ClearExpired();
        await player.TickAsync();

        // The place is saved when the replay stopped by itself at the end of its session, and now and then while it is
        // open: the roster lists it as saved, and a place not saved for the idle limit is taken for a replay nobody has.
        if (state.State.Place is { } place && (place.Playing == player.Status.Paused || clock.GetUtcNow() - place.SavedAt >= SaveEvery))
        {
            await SaveAsync(player);
        }
    }
}
