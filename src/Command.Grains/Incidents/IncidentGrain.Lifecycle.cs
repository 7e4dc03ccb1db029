using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Recording;
using Command.Domain.Validation;

namespace Command.Grains.Incidents;

/// <summary>Activation and catch-up, the clock's ticks, persistence, going quiet.</summary>
public sealed partial class IncidentGrain
{
    private IncidentTicker? ticker;
    private DateTimeOffset lastInput;
    private DateTimeOffset lastPersist;
    private long persistedSequence;
    private Rejection? unavailable;
    private Exception? catchUpFailure;
    private DateTimeOffset nextCatchUp;
    private Task? catchingUp;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var snapshot = state.State.Snapshot();
        if (snapshot is not null)
        {
            stream.Restore(snapshot);
            persistedSequence = snapshot.Sequence;
        }

        await CatchUpAsync(cancellationToken);
        lastInput = clock.GetUtcNow();
        if (snapshot is null)
        {
            await SayResumedAsync();
        }
    }

    /// <summary>
    /// Where grain state is kept in memory, an incident open in its recording that activates with none lost it with its
    /// host's process: it was not running from when it stopped until now, and says so once it runs again (see
    /// <see cref="IncidentResumed"/>). Every unit went unheard at that second, and the paperwork read it as radios failing
    /// together. Said of every stop, however short: across one of 12 s a unit reporting every 2 s goes unheard longer than its
    /// cadence explains, and its row and incident command's log must say why. A quiet incident records nothing, so the stop
    /// is dated from when the host's previous run was last known running, where that is later (<see cref="PreviousRun"/>):
    /// dated from its last event, five quiet minutes the host ran on were recorded as the incident not running.
    /// </summary>
    private async Task SayResumedAsync()
    {
        var now = clock.GetUtcNow();
        var stopped = previousRun.StoppedAt(stream.Clock, now);
        if (options.SaysResumes && unavailable is null && stream.Exists && !stream.IsClosed && now > stopped)
        {
            // Stamped where it stopped: ticks are folded up to then, as they were while it ran, and none over the time it
            // was not running.
            var batch = new List<IncidentEvent>();
            stream.Record(new IncidentResumed(GrainContext.Address.SiloAddress!.Endpoint.ToString(), now), stopped, batch);
            await RecordAsync(batch);
            await PersistAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ticker?.Dispose();
        ticker = null;
        frames.Stop();
        observers.Clear();
        var shuttingDown = reason.ReasonCode == DeactivationReasonCode.ShuttingDown;

        // After a failed recording the fold is ahead of it: the incident starts again from what was last persisted.
        if (stream.Exists && stream.LastSequence != persistedSequence && !recorder.Failed && (!shuttingDown || options.PersistOnShutdown))
        {
            await PersistAsync();
        }
    }

    /// <summary>
    /// Folds what the recording holds past the state restored (all of it when grain state was lost with a restart),
    /// so numbering carries on from the last event recorded and the incident is live again as recorded. An incident
    /// whose recording cannot be read is unavailable, never opened again over its history, and tries again on the
    /// next call after a pause.
    /// </summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        SessionTail tail;
        try
        {
            tail = await sessionLog.ReadTailAsync(IncidentId, stream.LastSequence, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            catchUpFailure = ex;
            nextCatchUp = clock.GetUtcNow() + options.CatchUpRetry;
            unavailable = new Rejection(RejectReason.Unavailable, $"incident '{IncidentId}' cannot read its recording ({ex.GetType().Name}: {ex.Message}); try again shortly");
            LogCatchUpFailed(logger, ex, IncidentId, stream.LastSequence);
            return;
        }

        unavailable = null;
        catchUpFailure = null;
        var from = stream.LastSequence;
        if (tail.Snapshot is { } snapshot && snapshot.Sequence > stream.LastSequence)
        {
            stream.Restore(snapshot);
        }

        // One event the fold cannot take must not keep the incident down: it is passed over, named and counted.
        stream.CatchUp(tail.Events);
        foreach (var (sequence, why) in stream.PassedOver)
        {
            LogPassedOver(logger, IncidentId, sequence, why.ToString());
        }

        recorder.StartFrom(stream.LastSequence, stream.Clock);
        if (stream.Exists)
        {
            if (stream.LastSequence != from)
            {
                LogCaughtUp(logger, IncidentId, from, stream.LastSequence, stream.PassedOver.Count);
                await ListAsync();
            }

            if (stream.IsClosed)
            {
                readSide.Release(stream);
            }
            else
            {
                readSide.TellAll(stream);
                StartTicking();
            }
        }
    }

    /// <summary>
    /// Null when the incident can answer; otherwise why not. An unavailable incident reads its recording again when
    /// the pause since its last try has passed, before it answers.
    /// </summary>
    private async ValueTask<Rejection?> UnavailableAsync()
    {
        if (unavailable is null || clock.GetUtcNow() < nextCatchUp)
        {
            return unavailable;
        }

        // Calls interleave (report batches do): one try at a time, and every caller waits for it.
        catchingUp ??= CatchUpAsync(CancellationToken.None);
        try
        {
            await catchingUp;
        }
        finally
        {
            catchingUp = null;
        }

        if (unavailable is null)
        {
            LogAvailableAgain(logger, IncidentId);
        }

        return unavailable;
    }

    /// <summary>
    /// Ticks on the incident's own clock by calling itself, so each tick is an ordinary turn, at the pace
    /// <see cref="IncidentTicker"/> keeps: the ticks it folds depend only on the incident's clock, not on when they are folded.
    /// </summary>
    private void StartTicking()
    {
        var self = this.AsReference<IIncidentGrain>();
        ticker ??= new IncidentTicker(clock, options, () => self.Tick().Ignore());
        ticker.Start(observers.Count > 0);
    }

    public async Task Tick()
    {
        if (!stream.Exists || unavailable is not null || recorder.Failed)
        {
            return;
        }

        ticker?.Pace(observers.Count > 0);
        var now = clock.GetUtcNow();
        if (observers.Count == 0 && now - lastInput >= options.IdleAfter)
        {
            // Nothing comes in and no one watches: the incident goes quiet until the next input or viewer.
            LogIdle(logger, IncidentId, options.IdleAfter);
            ticker?.Dispose();
            ticker = null;
            DeactivateOnIdle();
            return;
        }

        var ticks = stream.TicksFolded;
        var batch = new List<IncidentEvent>();
        stream.Tick(now, batch);
        if (stream.TicksFolded != ticks)
        {
            frames.Ticked(stream);
        }

        await RecordAsync(batch);
        if (stream.TicksFolded != ticks && !stream.Damaged)
        {
            readSide.Ticked(stream);
        }

        if (stream.LastSequence != persistedSequence && stream.Clock - lastPersist >= options.PersistInterval)
        {
            await PersistAsync();
        }
    }

    /// <summary>
    /// Writes the fold to grain storage once every event in it is recorded, so a reactivated incident never holds
    /// events its recording lacks (batches fold while others wait on the recording).
    /// </summary>
    private async Task PersistAsync()
    {
        var snapshot = stream.Snapshot();
        await recorder.Idle;
        state.State.Keep(snapshot);
        await state.WriteStateAsync();
        persistedSequence = snapshot.Sequence;
        lastPersist = snapshot.Clock;
    }
}
