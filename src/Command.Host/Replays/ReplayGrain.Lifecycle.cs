using Command.Recording.Replay;

namespace Command.Host.Replays;

public sealed partial class ReplayGrain
{
    /// <summary>How long a replay whose recording could not be read again waits before a call has it try again: 5 s.</summary>
    public static readonly TimeSpan ReopenRetry = TimeSpan.FromSeconds(5);

    // Why the replay's saved place could not be opened again, and when a call may have it try again; null once it plays.
    private string? unavailable;
    private DateTimeOffset retryAt;

    // A replay whose host went down and that nobody called or watched for the idle limit since is closed, as it would
    // have been had its host lived: opened again, it would have been listed as closed and answered as open.
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Place is not { } place)
        {
            return;
        }

        if (place.Lapsed(clock.GetUtcNow()))
        {
            await CloseIdleAsync(place, cancellationToken);
        }
        else
        {
            await ReopenAsync(place, cancellationToken);
        }
    }

    // Closed for idleness, a replay forgets its place. Deactivated otherwise (its host stopping, Orleans moving it), it
    // keeps it for the next activation; a silo that dies calls nothing here at all.
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reason.ReasonCode == DeactivationReasonCode.ActivationIdle && state.State.Place is { } place)
        {
            await CloseIdleAsync(place, cancellationToken);
        }

        await PutDownAsync();
    }

    private async Task CloseIdleAsync(ReplayPlace place, CancellationToken cancellationToken)
    {
        await Roster.Closed(ReplayId);
        await state.ClearStateAsync(cancellationToken);
        LogClosedIdle(logger, ReplayId, place.IncidentId);
    }

    private ReplayPlayer Start(ReplaySession session)
    {
        // 2^40 frames is over three thousand years of them at ten a second: each activation's numbers stay above the last's.
        var opened = new ReplayPlayer(ReplayId, session, frame => observers.Notify(o => o.OnFrame(frame)), pacing, clock, (long)state.State.Reopened << 40);
        player = opened;
        ticker = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(pacing.Interval, pacing.Interval));
        return opened;
    }

    private async Task SaveAsync(ReplayPlayer open)
    {
        var (status, now) = (Stated(open.Status), clock.GetUtcNow());
        state.State.Place = ReplayPlace.Of(status, now);
        await state.WriteStateAsync();
        await ListAsync(new ReplayListing(status, state.State.OpenedBy, state.State.OpenedAt, now));
    }

    /// <summary>
    /// Opens the replay's recording again at the instant it has reached by now (moved on by the time it was down, if it
    /// played), playing or paused as it was. A recording that cannot be read leaves the replay unavailable, saying why;
    /// a later call tries again after <see cref="ReopenRetry"/>, and a close forgets it.
    /// </summary>
    private async Task ReopenAsync(ReplayPlace place, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        ReplaySession session;
        try
        {
            session = await catalogue.OpenReplayAsync(place.IncidentId, place.At(now), assessment, place.Follows, clock, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            unavailable = $"replay '{ReplayId}' of incident '{place.IncidentId}' could not be opened again where it was ({place.At(now):O}): its recording cannot be read ({ex.GetType().Name}: {ex.Message})";
            retryAt = now + ReopenRetry;
            LogNotReopened(logger, ex, ReplayId, place.IncidentId);
            return;
        }

        session.SetSpeed(place.Speed);
        if (place.Playing)
        {
            session.Play();
        }

        unavailable = null;
        state.State.Reopened++;
        var reopened = Start(session);
        try
        {
            await SaveAsync(reopened);
        }
        catch
        {
            // Its frames would be numbered as this activation's again next time: the activation fails, and the next call tries again.
            await PutDownAsync();
            throw;
        }

        LogReopened(logger, ReplayId, place.IncidentId, session.Position, !session.IsPaused);
    }

    /// <summary>The open replay's player, null when none is open; throws when one is open but its recording cannot be read.</summary>
    private async Task<ReplayPlayer?> PlayerAsync()
    {
        if (player is null && unavailable is not null && state.State.Place is { } place && clock.GetUtcNow() >= retryAt)
        {
            await ReopenAsync(place, CancellationToken.None);
        }

        return player is null && unavailable is not null ? throw new ReplayUnavailableException(ReplayId, unavailable) : player;
    }

    // Taken off the list first: a replay the list could not be told of closing stays open, to be closed again, rather
    // than closed and listed.
    private async Task ForgetAsync()
    {
        await Roster.Closed(ReplayId);
        await state.ClearStateAsync();
        unavailable = null;
        await PutDownAsync();
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
}
