using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Recording;
using Command.Domain.Reports;

namespace Command.Grains.Incidents;

/// <summary>Activation, timers and persistence.</summary>
public sealed partial class IncidentGrain
{
    private readonly Dictionary<string, DateTimeOffset> unitSynced = new(StringComparer.Ordinal);
    private DateTimeOffset lastPersist;
    private DateTimeOffset lastInput;
    private long persistedSequence;
    private bool timersStarted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.SnapshotJson is { } json)
        {
            var snapshot = System.Text.Json.JsonSerializer.Deserialize(json, EventJsonContext.Default.ProjectionSnapshot)!;
            projection = new IncidentProjection(assessmentOptions);
            projection.Restore(snapshot);
            persistedSequence = snapshot.Sequence;
        }

        await CatchUpAsync(cancellationToken);
        lastInput = clock.GetUtcNow();
        if (projection.IsOpen)
        {
            lastEventTime = projection.Clock;
            lastKeyframe = projection.Clock;
            StartTimers();
        }
    }

    /// <summary>
    /// Folds what the recording holds past the state restored (all of it when grain state was lost with a
    /// restart), so numbering carries on from the last event recorded and the incident is live again as recorded.
    /// </summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        SessionTail tail;
        try
        {
            tail = await sessionLog.ReadTailAsync(IncidentId, projection.LastSequence, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCatchUpFailed(logger, ex, IncidentId, projection.LastSequence);
            return;
        }

        if (tail.IsEmpty)
        {
            return;
        }

        var from = projection.LastSequence;
        if (tail.Keyframe is { } keyframe && keyframe.Sequence > projection.LastSequence)
        {
            projection = new IncidentProjection(assessmentOptions);
            projection.Restore(keyframe);
        }

        foreach (var e in tail.Events)
        {
            if (e.Sequence > projection.LastSequence)
            {
                projection.Apply(e);
            }
        }

        if (projection.IsOpen)
        {
            LogCaughtUp(logger, IncidentId, from, projection.LastSequence);
            await ListAsync();
        }
    }

    /// <summary>Puts the open incident in the directory of incidents (again, after it was caught up).</summary>
    private Task ListAsync() =>
        GrainFactory.GetGrain<Directory.IIncidentDirectoryGrain>(Directory.IIncidentDirectoryGrain.Key)
            .Register(new Directory.IncidentListing(IncidentId, projection.Name, projection.OpenedAt!.Value));

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        observers.Clear();
        var shuttingDown = reason.ReasonCode == DeactivationReasonCode.ShuttingDown;

        // After a failed recording the fold is ahead of it: the incident starts again from what was last persisted.
        if (projection.IsOpen && projection.LastSequence != persistedSequence && !lastAppend.IsFaulted && (!shuttingDown || options.PersistOnShutdown))
        {
            await PersistAsync();
        }
    }

    private void StartTimers()
    {
        if (timersStarted)
        {
            return;
        }

        timersStarted = true;
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(options.TickInterval, options.TickInterval) { KeepAlive = true });
    }

    /// <summary>Lets silent units age, keeps unit grains current, and persists now and then; goes quiet when idle.</summary>
    private async Task TickAsync()
    {
        if (observers.Count == 0 && clock.GetUtcNow() - lastInput >= options.IdleAfter)
        {
            // Nothing comes in and no one watches: ticking on would only record a second of silence a second.
            LogIdle(logger, IncidentId, options.IdleAfter);
            DeactivateOnIdle();
            return;
        }

        if (projection.Units.Count > 0)
        {
            await RecordAsync([new ClockTicked()]);
        }

        await SyncUnitsAsync();
        if (projection.LastSequence != persistedSequence && projection.Clock - lastPersist >= options.PersistInterval)
        {
            await PersistAsync();
        }
    }

    /// <summary>Tells unit grains their latest fix: at once the first time, then at most once per sync interval.</summary>
    private Task SyncUnitsAsync(IEnumerable<string>? unitIds = null)
    {
        var now = projection.Clock;
        var calls = new List<Task>();
        foreach (var unitId in unitIds ?? projection.Units.Keys)
        {
            if (!projection.Units.TryGetValue(unitId, out var unit) || unit.LastFix is not PositionReport fix)
            {
                continue;
            }

            if (unitSynced.TryGetValue(unitId, out var synced) && (synced >= fix.FixTime || now - synced < options.UnitSyncInterval))
            {
                continue;
            }

            unitSynced[unitId] = fix.FixTime;
            calls.Add(GrainFactory.GetGrain<Units.IUnitGrain>(Units.UnitKey.Format(IncidentId, unitId)).UpdateFix(fix));
        }

        return Task.WhenAll(calls);
    }

    /// <summary>
    /// Writes the fold to grain storage once every event in it is recorded, so a reactivated incident never holds
    /// events its recording lacks (batches fold while others wait on the recording).
    /// </summary>
    private async Task PersistAsync()
    {
        var snapshot = projection.Capture();
        await lastAppend;
        state.State.SnapshotJson = System.Text.Json.JsonSerializer.Serialize(snapshot, EventJsonContext.Default.ProjectionSnapshot);
        await state.WriteStateAsync();
        persistedSequence = snapshot.Sequence;
        lastPersist = projection.Clock;
    }
}
