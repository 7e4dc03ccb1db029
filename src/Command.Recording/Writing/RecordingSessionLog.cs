using System.Collections.Concurrent;
using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Recording;
using Command.Recording.Hosting;
using Command.Recording.Layout;
using Command.Recording.Reading;
using Command.Recording.Storage;
using Microsoft.Extensions.Logging;

namespace Command.Recording.Writing;

/// <summary>
/// The session log over a store (disk or blob). Durability promise: when <see cref="AppendAsync"/> completes, the
/// events are on storage or in the local spill, which drains to storage, in order and exactly once, when storage
/// answers again (also after a restart). Callers wait for at most the spill write while storage is failing.
/// </summary>
public sealed class RecordingSessionLog : ISessionLog, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<SessionWriter>>> writers = new(StringComparer.Ordinal);
    private readonly ISessionStore store;
    private readonly RecordingOptions options;
    private readonly string spillFolder;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly StorageResilience resilience;
    private int disposed;

    /// <param name="store">Where sessions go.</param>
    /// <param name="options">Batch, segment and resilience settings; <see cref="RecordingOptions.SpillPath"/> is taken as given.</param>
    /// <param name="time">Clock for backoff, circuit breaking and manifest pacing.</param>
    /// <param name="logger">Logger.</param>
    public RecordingSessionLog(ISessionStore store, RecordingOptions options, TimeProvider time, ILogger<RecordingSessionLog> logger)
    {
        (this.store, this.options, this.time, this.logger) = (store, options, time, logger);
        spillFolder = Path.GetFullPath(options.SpillPath);
        resilience = StorageResilience.Create(options, time);
    }

    /// <summary>Where the sessions go (for logs and the dashboard).</summary>
    public string Location => store.Location;

    public async ValueTask AppendAsync(string incidentId, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return;
        }

        EventLines.RequireOrdered(events);
        var batch = EventLines.Encode(events);
        var writer = await WriterAsync(incidentId, cancellationToken);
        await writer.AppendAsync(batch).WaitAsync(cancellationToken);
    }

    public async ValueTask SnapshotAsync(string incidentId, IncidentSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var writer = await WriterAsync(incidentId, cancellationToken);
        await writer.SnapshotAsync(snapshot).WaitAsync(cancellationToken);
    }

    /// <summary>Completes when every append made before it is on storage (spills drained) and manifests are current.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        foreach (var entry in writers.Values)
        {
            var writer = await entry.Value.WaitAsync(cancellationToken);
            await writer.FlushAsync().WaitAsync(cancellationToken);
        }
    }

    /// <summary>Starts the writers of sessions left in the spill by a previous run, so they drain without waiting for new events.</summary>
    public async Task ResumeSpilledAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(spillFolder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(spillFolder, "*.jsonl"))
        {
            await WriterAsync(Path.GetFileNameWithoutExtension(file), cancellationToken);
        }
    }

    public async ValueTask<SessionTail> ReadTailAsync(string incidentId, long afterSequence, CancellationToken cancellationToken = default)
    {
        SessionReader reader;
        try
        {
            reader = await SessionReader.OpenAsync(store, SessionPaths.Require(incidentId), cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            return SessionTail.Empty;
        }

        if (reader.Manifest.LastSequence <= afterSequence)
        {
            return SessionTail.Empty;
        }

        var (snapshot, from) = await reader.TailFromAsync(afterSequence, cancellationToken);
        var last = snapshot?.Sequence ?? afterSequence;
        var events = new List<IncidentEvent>();
        await foreach (var e in reader.ReadAsync(from, null, cancellationToken))
        {
            // Only ever onward: a session written before incidents caught up on their recordings may number a
            // second run from one again.
            if (e.Sequence > last)
            {
                events.Add(e);
                last = e.Sequence;
            }
        }

        return new SessionTail(snapshot, events);
    }

    /// <summary>Commits what is queued and drains spills (up to the shutdown timeout each); safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        foreach (var entry in writers.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
            {
                await entry.Value.Result.DisposeAsync();
            }
        }
    }

    private async Task<SessionWriter> WriterAsync(string incidentId, CancellationToken cancellationToken)
    {
        SessionPaths.Require(incidentId);
        var entry = writers.GetOrAdd(incidentId, id => new Lazy<Task<SessionWriter>>(
            () => SessionWriter.StartAsync(store, id, spillFolder, resilience, options, time, logger, CancellationToken.None)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            // Opening needs the store once; let the next append try again rather than remember the failure.
            writers.TryRemove(new KeyValuePair<string, Lazy<Task<SessionWriter>>>(incidentId, entry));
            throw;
        }
    }
}
