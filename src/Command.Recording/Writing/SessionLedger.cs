using System.Text.Json;
using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Recording.Hosting;
using Command.Recording.Layout;
using Command.Recording.Reading;
using Command.Recording.Storage;
using Polly;

namespace Command.Recording.Writing;

/// <summary>
/// What one session holds on its store while it is being written: segments, snapshots, totals. Only one writer
/// uses it at a time (the live path or the spill drain, never both), so it needs no lock.
/// </summary>
internal sealed class SessionLedger(ISessionStore store, string incidentId, RecordingOptions options, SessionManifest manifest, string owner)
{
    private readonly List<SegmentEntry> segments = [.. manifest.Segments];
    private readonly List<SnapshotEntry> snapshots = [.. manifest.Snapshots];
    private SessionManifest totals = manifest;

    // After a restart a fresh segment is started rather than appending behind a tail whose block count is unknown.
    private bool rollBeforeNextAppend = manifest.Segments.Length > 0;

    public long LastSequence => totals.LastSequence;

    public bool ManifestDirty { get; private set; }

    public SessionManifest Manifest => totals with { Segments = [.. segments], Snapshots = [.. snapshots] };

    /// <summary>
    /// Takes the session's writing over (from a host that died, or one its incident moved away from) and reads where
    /// it stands: the manifest and the last segment are fenced first, so whatever the previous writer still does
    /// fails instead of landing, and then the segments are read as they really are. Writing goes on in a new segment.
    /// </summary>
    public static async Task<SessionLedger> OpenAsync(ISessionStore store, string incidentId, RecordingOptions options, CancellationToken cancellationToken)
    {
        // The container may not exist yet when the host started while storage was down.
        await store.EnsureCreatedAsync(cancellationToken);
        var owner = Guid.NewGuid().ToString();
        await store.TakeOverAsync(SessionPaths.Manifest(incidentId), owner, appendable: false, cancellationToken);
        var (before, _) = await SessionScan.ScanAsync(store, incidentId, cancellationToken);
        if (before.Segments.Length > 0)
        {
            await store.TakeOverAsync(SessionPaths.Segment(incidentId, before.Segments[^1].Name), owner, appendable: true, cancellationToken);
        }

        // Read again behind the fence: the last appends of the previous writer are in now, and nothing comes after. Past a
        // damaged line the incident carries on from the last good one, as it caught up, in a new segment.
        var manifest = before.Segments.Length > 0 ? (await SessionScan.ScanAsync(store, incidentId, cancellationToken)).Manifest : before;
        return new SessionLedger(store, incidentId, options, manifest, owner);
    }

    /// <summary>Appends a batch as one write (one append block), rolling to a new segment first when limits require.</summary>
    /// <returns>True when a new segment was started.</returns>
    public async Task<bool> CommitAsync(EncodedBatch batch, ResiliencePipeline pipeline, CancellationToken cancellationToken)
    {
        var current = segments.Count > 0 ? segments[^1] : null;
        var roll = current is null || rollBeforeNextAppend
            || (current.Length > 0 && current.Length + batch.Bytes.Length > options.MaxSegmentBytes)
            || current.Blocks >= options.MaxSegmentBlocks;
        var name = roll ? SessionPaths.SegmentName((current is null ? 0 : SessionPaths.SegmentNumber(current.Name) ?? 0) + 1) : current!.Name;
        var offset = roll ? 0 : current!.Length;
        var path = SessionPaths.Segment(incidentId, name);
        if (roll)
        {
            await pipeline.ExecuteAsync(async ct => await store.TakeOverAsync(path, owner, appendable: true, ct), cancellationToken);
        }

        await pipeline.ExecuteAsync(async ct => await store.AppendAsync(path, offset, batch.Bytes, ct, owner), cancellationToken);

        var entry = roll
            ? new SegmentEntry(name, batch.FirstSequence, batch.LastSequence, batch.MinTime, batch.MaxTime, batch.Bytes.Length, 1, batch.Count)
            : current! with
            {
                LastSequence = batch.LastSequence,
                FirstTime = Min(current.FirstTime, batch.MinTime),
                LastTime = Max(current.LastTime, batch.MaxTime),
                Length = current.Length + batch.Bytes.Length,
                Blocks = current.Blocks + 1,
                EventCount = current.EventCount + batch.Count,
            };
        if (roll)
        {
            segments.Add(entry);
        }
        else
        {
            segments[^1] = entry;
        }

        rollBeforeNextAppend = false;
        totals = totals with
        {
            Name = batch.IncidentName ?? totals.Name,
            FirstSequence = totals.EventCount == 0 ? batch.FirstSequence : totals.FirstSequence,
            LastSequence = batch.LastSequence,
            FirstTime = totals.FirstTime is { } first ? Min(first, batch.MinTime) : batch.MinTime,
            LastTime = totals.LastTime is { } last ? Max(last, batch.MaxTime) : batch.MaxTime,
            EventCount = totals.EventCount + batch.Count,
        };
        ManifestDirty = true;
        return roll;
    }

    /// <summary>Stores a snapshot taken right after the last committed event; returns false when it is not that.</summary>
    public async Task<bool> SnapshotAsync(IncidentSnapshot snapshot, ResiliencePipeline pipeline, CancellationToken cancellationToken)
    {
        if (segments.Count == 0 || snapshot.Sequence != totals.LastSequence)
        {
            return false;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(snapshot, EventJsonContext.Default.IncidentSnapshot);
        var path = SessionPaths.Snapshot(incidentId, snapshot.Sequence);
        await pipeline.ExecuteAsync(async ct => await store.WriteAsync(path, bytes, ct), cancellationToken);
        snapshots.Add(new SnapshotEntry(snapshot.Sequence, snapshot.Clock, segments[^1].Name, segments[^1].Length));
        ManifestDirty = true;
        return true;
    }

    public async Task WriteManifestAsync(ResiliencePipeline pipeline, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(Manifest, RecordingJsonContext.Default.SessionManifest);
        await pipeline.ExecuteAsync(async ct => await store.WriteAsync(SessionPaths.Manifest(incidentId), bytes, ct, owner), cancellationToken);
        ManifestDirty = false;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
