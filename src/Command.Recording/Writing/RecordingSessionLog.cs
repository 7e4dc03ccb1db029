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
public sealed partial class RecordingSessionLog : ISessionLog, IAsyncDisposable
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
        try
        {
            await writer.AppendAsync(batch).WaitAsync(cancellationToken);
        }
        catch (SessionOwnershipLostException)
        {
            // Another host writes this session now: this writer is done; the incident's next activation opens a new one.
            await RetireAsync(incidentId, writer);
            throw;
        }
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
            var incidentId = Path.GetFileNameWithoutExtension(file);
            if (!SessionPaths.IsValidIncidentId(incidentId))
            {
                // Not one of ours (copied in by hand, say): reported, left alone, and no reason not to start.
                LogStrangeSpillFile(logger, file);
                continue;
            }

            await WriterAsync(incidentId, cancellationToken);
        }
    }

    /// <summary>
    /// What the session recorded after a sequence: on storage, and then in the local spill (events acknowledged while
    /// storage was down, not yet drained), so an incident that comes back meanwhile, or after a restart, folds them
    /// too and never numbers over them.
    /// </summary>
    public async ValueTask<SessionTail> ReadTailAsync(string incidentId, long afterSequence, CancellationToken cancellationToken = default)
    {
        SessionPaths.Require(incidentId);

        // An incident catching up is a new activation: a writer this host kept from an earlier one may be stale (the
        // incident lived on another host meanwhile), so the next append opens the session afresh, at its real end.
        if (writers.TryGetValue(incidentId, out var kept) && kept.IsValueCreated && kept.Value.IsCompletedSuccessfully && !kept.Value.Result.Spilling)
        {
            await RetireAsync(incidentId, kept.Value.Result);
        }

        IncidentSnapshot? snapshot = null;
        var last = afterSequence;
        var events = new List<IncidentEvent>();
        SessionReader? reader;
        try
        {
            reader = await SessionReader.OpenAsync(store, incidentId, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            reader = null;
        }

        if (reader is not null && reader.Manifest.LastSequence > afterSequence)
        {
            (snapshot, var from) = await reader.TailFromAsync(afterSequence, cancellationToken);
            last = snapshot?.Sequence ?? afterSequence;
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
        }

        foreach (var e in SpillBatches.Events(await new SpillFile(SpillPathOf(incidentId)).ReadFromAsync(0, cancellationToken)))
        {
            if (e.Sequence > last)
            {
                events.Add(e);
                last = e.Sequence;
            }
        }

        return snapshot is null && events.Count == 0 ? SessionTail.Empty : new SessionTail(snapshot, events);
    }

    private string SpillPathOf(string incidentId) => Path.Combine(spillFolder, incidentId + ".jsonl");

    /// <summary>Commits what is queued and drains spills within one shutdown timeout; see <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    /// <summary>
    /// Commits what is queued and drains spills, every session at once and all within one shutdown timeout
    /// (<see cref="RecordingOptions.ShutdownDrainTimeout"/>) or until <paramref name="hostStopping"/> is cancelled (the
    /// host's own shutdown timeout), whichever comes first; a spill not drained by then is left for the next start, and
    /// said so. Safe to call more than once. One session after another, each given the whole timeout for its spill and
    /// again for its manifest, a host stopped while storage was down took half a minute and more for each incident it
    /// held, past a service manager's patience; and a host whose own timeout had run out still waited this one whole.
    /// </summary>
    public async Task StopAsync(CancellationToken hostStopping)
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(hostStopping);
        await using var timeout = hostStopping.IsCancellationRequested
            ? null
            : time.CreateTimer(_ => deadline.Cancel(), null, options.ShutdownDrainTimeout, Timeout.InfiniteTimeSpan);
        var open = writers
            .Where(entry => entry.Value.IsValueCreated && entry.Value.Value.IsCompletedSuccessfully)
            .Select(entry => (IncidentId: entry.Key, Writer: entry.Value.Value.Result))
            .ToList();
        await Task.WhenAll(open.Select(session => session.Writer.StopAsync(deadline.Token)));

        // One line at the end for the operator: what this stop leaves to the next start, among the many lines of a stop.
        var left = open.Where(session => session.Writer.Spilling).Select(session => session.IncidentId).Order(StringComparer.Ordinal).ToList();
        if (left.Count > 0)
        {
            LogStoppedWithSpillsLeft(logger, string.Join(", ", left));
        }
        else
        {
            LogStoppedAllStored(logger, open.Count);
        }
    }

    private async Task RetireAsync(string incidentId, SessionWriter writer)
    {
        if (writers.TryGetValue(incidentId, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && entry.Value.Result == writer
            && writers.TryRemove(new KeyValuePair<string, Lazy<Task<SessionWriter>>>(incidentId, entry)))
        {
            await writer.DisposeAsync();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording stopped; not on storage yet, left in their spills to be written at the next start: {IncidentIds}")]
    private static partial void LogStoppedWithSpillsLeft(ILogger logger, string incidentIds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording stopped with every session on storage ({Count})")]
    private static partial void LogStoppedAllStored(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The spill folder holds {File}, which is not a session's spill; it is left alone")]
    private static partial void LogStrangeSpillFile(ILogger logger, string file);
}
