using Command.Domain.Incidents;
using Command.Recording.Layout;
using Command.Recording.Storage;
using Polly.CircuitBreaker;

namespace Command.Recording.Writing;

internal sealed partial class SessionWriter
{
    private async Task CommitPendingAsync(List<Append> pending)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var batch = EncodedBatch.Combine([.. pending.Select(p => p.Batch)]);
        try
        {
            await CommitAsync(batch);
            acceptedUpTo = batch.LastSequence;
            pending.ForEach(p => p.Done.TrySetResult());
        }
        catch (Exception ex)
        {
            LogAppendFailed(logger, ex, incidentId, batch.Count);
            pending.ForEach(p => p.Done.TrySetException(ex));
        }
        finally
        {
            // Stored or spilled, or failed for good: nothing reads these bytes again.
            batch.Release();
        }

        pending.Clear();
    }

    private async Task CommitAsync(EncodedBatch batch)
    {
        if (!spilling && ledger is not null)
        {
            try
            {
                if (await ledger.CommitAsync(batch, resilience.Live, stopping.Token))
                {
                    await WriteManifestAsync(resilience.Live);
                }

                return;
            }
            catch (Exception ex) when (options.SpillEnabled && (StorageResilience.IsStorageFailure(ex) || ex is BrokenCircuitException))
            {
                LogSpilling(logger, ex, incidentId, batch.FirstSequence);
            }
        }

        if (!options.SpillEnabled)
        {
            throw new InvalidOperationException($"Session {incidentId} cannot be recorded now and spilling is off.");
        }

        await spillLock.WaitAsync();
        try
        {
            await spill.AppendAsync(batch.Bytes, CancellationToken.None);
            if (!spilling)
            {
                spilling = true;
                drain = Task.Run(DrainAsync);
            }
        }
        finally
        {
            spillLock.Release();
        }
    }

    private static async Task Complete(Request request, Func<Task> action)
    {
        try
        {
            await action();
            request.Done.TrySetResult();
        }
        catch (Exception ex)
        {
            request.Done.TrySetException(ex);
        }
    }

    private abstract record Request
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Append(EncodedBatch Batch) : Request;

    private sealed record StoreSnapshot(IncidentSnapshot Snapshot) : Request;

    private sealed record Flush : Request;
}
