using System.Threading.Channels;
using Command.Domain.Incidents;
using Command.Recording.Hosting;
using Command.Recording.Layout;
using Command.Recording.Storage;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace Command.Recording.Writing;

/// <summary>
/// Writes one session. Appends queue up and a single loop commits whatever has gathered as one write (group
/// commit); each append completes when its batch is on storage or in the local spill. While the spill holds
/// anything, new batches go behind it so the order never changes, and a background drain moves it to storage.
/// Batches must follow each other without a gap: once one fails, every later one fails too, so the recording never
/// holds an event after a hole (the incident starts again from what is recorded). A writer whose store could not be
/// opened spills from the start and opens it when it drains.
/// </summary>
internal sealed partial class SessionWriter : IAsyncDisposable
{
    private readonly Channel<Request> queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim spillLock = new(1, 1);
    private readonly string incidentId;
    private readonly ISessionStore store;
    private readonly SpillFile spill;
    private readonly StorageResilience resilience;
    private readonly RecordingOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Task loop;
    private volatile bool spilling;
    private Task drain = Task.CompletedTask;
    private SessionLedger? ledger;
    private long drainedUpTo;
    private long manifestWrittenAt;

    // The last sequence stored or spilled: the next batch must follow it. 0 while nothing is known (a session not
    // yet opened on its store, and nothing spilled).
    private long acceptedUpTo;

    private SessionWriter(string incidentId, ISessionStore store, SessionLedger? ledger, SpillFile spill, StorageResilience resilience, RecordingOptions options, TimeProvider time, ILogger logger)
    {
        (this.incidentId, this.store, this.ledger, this.spill, this.resilience, this.options, this.time, this.logger) = (incidentId, store, ledger, spill, resilience, options, time, logger);
        manifestWrittenAt = time.GetTimestamp();
        acceptedUpTo = ledger?.LastSequence ?? 0;
        if (spill.Exists)
        {
            // Left by a run that stopped while storage was down: cut a line a power cut left half written, and
            // drain it before anything newer.
            if (spill.RepairTail() is > 0 and var cut)
            {
                LogTornSpill(logger, incidentId, cut);
            }

            acceptedUpTo = Math.Max(acceptedUpTo, SpillBatches.LastSequence(spill.ReadAll()));
            spilling = true;
            drain = Task.Run(DrainAsync);
        }
        else if (ledger is null)
        {
            // The store could not be opened: spill until it can be (the drain opens it).
            spilling = true;
            drain = Task.Run(DrainAsync);
        }

        loop = Task.Run(RunAsync);
    }

    public static async Task<SessionWriter> StartAsync(
        ISessionStore store, string incidentId, string spillFolder, StorageResilience resilience, RecordingOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var spill = new SpillFile(Path.Combine(spillFolder, incidentId + ".jsonl"));
        SessionLedger? ledger = null;
        try
        {
            ledger = await resilience.Live.ExecuteAsync(async ct => await SessionLedger.OpenAsync(store, incidentId, options, ct), cancellationToken);
        }
        catch (Exception ex) when (options.SpillEnabled && (StorageResilience.IsStorageFailure(ex) || ex is BrokenCircuitException))
        {
            LogOpenedSpilling(logger, ex, incidentId);
        }

        return new SessionWriter(incidentId, store, ledger, spill, resilience, options, time, logger);
    }

    /// <summary>True while batches go to the local spill (storage failing, or a spill left to drain).</summary>
    public bool Spilling => spilling;

    public Task AppendAsync(EncodedBatch batch) => Enqueue(new Append(batch));

    public Task SnapshotAsync(IncidentSnapshot snapshot) => Enqueue(new StoreSnapshot(snapshot));

    /// <summary>Completes when everything queued before it is on storage (the spill drained) and the manifest is current.</summary>
    public Task FlushAsync() => Enqueue(new Flush());

    private Task Enqueue(Request request) =>
        queue.Writer.TryWrite(request) ? request.Done.Task : Task.FromException(new ObjectDisposedException(nameof(SessionWriter)));

    private async Task RunAsync()
    {
        var pending = new List<Append>();
        var bytes = 0;
        while (await queue.Reader.WaitToReadAsync())
        {
            while (queue.Reader.TryRead(out var request))
            {
                if (request is Append append)
                {
                    var follows = pending.Count > 0 ? pending[^1].Batch.LastSequence : acceptedUpTo;
                    if (follows > 0 && append.Batch.FirstSequence != follows + 1)
                    {
                        // A batch before it was not recorded (or it is out of order): storing it would leave a hole.
                        append.Done.TrySetException(new RecordingGapException(incidentId, follows + 1, append.Batch.FirstSequence));
                        append.Batch.Release();
                        continue;
                    }

                    pending.Add(append);
                    bytes += append.Batch.Bytes.Length;
                    if (bytes < options.MaxBatchBytes)
                    {
                        continue;
                    }
                }

                await CommitPendingAsync(pending);
                bytes = 0;
                await (request switch
                {
                    StoreSnapshot k => Complete(k, () => StoreSnapshotAsync(k.Snapshot)),
                    Flush f => Complete(f, FlushNowAsync),
                    _ => Task.CompletedTask,
                });
            }

            await CommitPendingAsync(pending);
            bytes = 0;
            if (!spilling && ledger is { ManifestDirty: true } && time.GetElapsedTime(manifestWrittenAt) >= options.ManifestInterval)
            {
                try
                {
                    await WriteManifestAsync(resilience.Live);
                }
                catch (Exception ex) when (StorageResilience.IsStorageFailure(ex) || ex is BrokenCircuitException || ex is SessionOwnershipLostException)
                {
                    // Readers rebuild a lagging manifest from the segments; the next interval tries again (and a writer
                    // that lost its session finds out with its next append).
                    LogManifestNotWritten(logger, ex, incidentId);
                }
            }
        }
    }
}
