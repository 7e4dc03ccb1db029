using Command.Domain.Incidents;
using Command.Recording.Storage;
using Polly;
using Polly.CircuitBreaker;

namespace Command.Recording.Writing;

internal sealed partial class SessionWriter
{
    private async Task DrainAsync()
    {
        try
        {
            // A writer that could not open its store when it started opens it now, however long that takes.
            ledger ??= await resilience.Drain.ExecuteAsync(async ct => await SessionLedger.OpenAsync(store, incidentId, options, ct), stopping.Token);
            while (true)
            {
                var bytes = await spill.ReadFromAsync(drainedUpTo, stopping.Token);
                var (batches, consumed) = SpillBatches.Split(bytes, ledger.LastSequence, options.MaxBatchBytes);
                foreach (var batch in batches)
                {
                    await ledger.CommitAsync(batch, resilience.Drain, stopping.Token);
                }

                drainedUpTo += consumed;
                if (consumed > 0)
                {
                    continue;
                }

                await WriteManifestAsync(resilience.Drain);
                await spillLock.WaitAsync(stopping.Token);
                try
                {
                    if ((await spill.ReadFromAsync(drainedUpTo, stopping.Token)).Length == 0)
                    {
                        spill.Delete();
                        drainedUpTo = 0;
                        spilling = false;
                        LogDrained(logger, incidentId, ledger.LastSequence);
                        return;
                    }
                }
                finally
                {
                    spillLock.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            LogSpillLeft(logger, incidentId, drainedUpTo);
        }
        catch (Exception ex)
        {
            // Not a storage outage (a conflicting segment, say): the spill stays on disk for an operator to look at.
            LogDrainFailed(logger, ex, incidentId, drainedUpTo);
            throw;
        }
    }

    private async Task StoreSnapshotAsync(IncidentSnapshot snapshot)
    {
        // A snapshot only saves reading time; while spilling its offset is unknown, and a later one will do.
        try
        {
            if (spilling || ledger is null || !await ledger.SnapshotAsync(snapshot, resilience.Live, stopping.Token))
            {
                LogSnapshotSkipped(logger, incidentId, snapshot.Sequence, ledger?.LastSequence ?? 0, spilling);
                return;
            }

            await WriteManifestAsync(resilience.Live);
        }
        catch (Exception ex) when (StorageResilience.IsStorageFailure(ex) || ex is BrokenCircuitException)
        {
            LogSnapshotFailed(logger, ex, incidentId, snapshot.Sequence);
        }
    }

    private async Task FlushNowAsync()
    {
        if (spilling)
        {
            await drain;
        }

        if (!spilling && ledger is { ManifestDirty: true })
        {
            await WriteManifestAsync(resilience.Drain);
        }
    }

    private async Task WriteManifestAsync(ResiliencePipeline pipeline)
    {
        await ledger!.WriteManifestAsync(pipeline, stopping.Token);
        manifestWrittenAt = time.GetTimestamp();
    }

    /// <summary>Commits what is queued, then waits up to the shutdown timeout for the spill to drain.</summary>
    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(options.ShutdownDrainTimeout, time);
        await StopAsync(deadline.Token);
    }

    /// <summary>
    /// Commits what is queued, then waits until <paramref name="deadline"/> for the spill to drain, and tries the manifest
    /// once as a live append: the spill left then stays on disk, said so, and drains at the next start.
    /// </summary>
    public async Task StopAsync(CancellationToken deadline)
    {
        queue.Writer.TryComplete();
        await loop;
        try
        {
            await drain.WaitAsync(deadline);
            if (!spilling && ledger is { ManifestDirty: true })
            {
                // Only an index, which readers rebuild from the segments: tried as a live append is, once its events are all
                // stored. Retried until the deadline, a cluster host with nothing left to store stopped only when the host's
                // shutdown timeout ran out, half a minute, while storage was down.
                await ledger.WriteManifestAsync(resilience.Live, deadline);
            }
        }
        catch (OperationCanceledException) when (!drain.IsCompleted)
        {
            await stopping.CancelAsync();
            await drain;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SessionOwnershipLostException or BrokenCircuitException || StorageResilience.IsStorageFailure(ex))
        {
            // Only the manifest is missing (or another writer owns it now); readers rebuild it from the segments.
            LogManifestNotWritten(logger, ex, incidentId);
        }

        stopping.Dispose();
        spillLock.Dispose();
    }
}
