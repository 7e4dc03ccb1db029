using System.Collections.Immutable;
using System.Text.Json;
using Command.Domain.Events;
using Command.Recording.Layout;
using Command.Recording.Storage;

namespace Command.Recording.Reading;

/// <summary>
/// Reconciles a session's manifest with its segments as they are on the store: the manifest may lag by the last
/// batches (or be missing after a crash before its first write), so segments longer than the manifest says, or
/// not in it, are read from where the manifest stops. A damaged line there (a bad sector, a copy that went wrong) ends
/// what is read of its segment at the last good line before it, and is said (<see cref="RecordingDamage"/>); a later
/// segment is read on only where it carries on from that line (a writer that came back after it), the rest is left out.
/// </summary>
internal static class SessionScan
{
    /// <summary>The manifest as the segments stand, and where they are damaged; throws <see cref="RecordingUnreadableException"/> where they are no recording.</summary>
    public static async Task<(SessionManifest Manifest, RecordingDamage? Damage)> ScanAsync(ISessionStore store, string incidentId, CancellationToken cancellationToken)
    {
        var (manifest, damage, _) = await ScanListedAsync(store, incidentId, cancellationToken);
        return (manifest, damage);
    }

    /// <summary>The same, with the segments as listed when they were read (<see cref="ScanOnAsync"/> compares a later listing with them).</summary>
    public static async Task<(SessionManifest Manifest, RecordingDamage? Damage, ImmutableArray<StoredObject> Listed)> ScanListedAsync(
        ISessionStore store, string incidentId, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await store.ReadAllAsync(SessionPaths.Manifest(SessionPaths.Require(incidentId)), cancellationToken);
            // An empty manifest is one a writer created only to hold its lease before it had anything to index.
            var manifest = bytes is null || bytes.Length == 0 ? SessionManifest.Empty(incidentId) : JsonSerializer.Deserialize(bytes, RecordingJsonContext.Default.SessionManifest)
                ?? throw new JsonException($"The manifest of {incidentId} is empty.");
            if (manifest.FormatVersion != SessionManifest.CurrentVersion)
            {
                throw new NotSupportedException($"Session {incidentId} has format version {manifest.FormatVersion}; this build reads {SessionManifest.CurrentVersion}.");
            }

            var listed = await ListSegmentsAsync(store, incidentId, cancellationToken);
            var (reconciled, damage) = await ReconcileAsync(store, incidentId, manifest, listed, cancellationToken);
            return (reconciled, damage, listed);
        }
        catch (Exception ex) when (RecordingUnreadableException.Is(ex))
        {
            throw RecordingUnreadableException.Of(incidentId, ex);
        }
    }

    /// <summary>
    /// What was recorded since <paramref name="known"/> was scanned, with its segments <paramref name="listed"/> as they
    /// were then: null where no segment changed (only the session's list of objects is asked, nothing is read), otherwise
    /// <paramref name="known"/> read on from where it stops, as a scan reads on from where a manifest stops, without the
    /// manifest read again. Its snapshots are then those <paramref name="known"/> indexed: a session still being recorded
    /// indexes more as it grows, which only a scan reads. A replay left beside a drill still running read the whole
    /// manifest every 2 s, more at every hour, to learn that nothing had changed.
    /// </summary>
    public static async Task<(SessionManifest Manifest, RecordingDamage? Damage, ImmutableArray<StoredObject> Listed)?> ScanOnAsync(
        ISessionStore store, SessionManifest known, ImmutableArray<StoredObject> listed, CancellationToken cancellationToken)
    {
        try
        {
            var now = await ListSegmentsAsync(store, known.IncidentId, cancellationToken);
            if (now.SequenceEqual(listed))
            {
                return null;
            }

            var (reconciled, damage) = await ReconcileAsync(store, known.IncidentId, known, now, cancellationToken);
            return (reconciled, damage, now);
        }
        catch (Exception ex) when (RecordingUnreadableException.Is(ex))
        {
            throw RecordingUnreadableException.Of(known.IncidentId, ex);
        }
    }

    // The session's segments as stored, in order.
    private static async Task<ImmutableArray<StoredObject>> ListSegmentsAsync(ISessionStore store, string incidentId, CancellationToken cancellationToken)
    {
        var objects = new List<(int Number, StoredObject Object)>();
        await foreach (var item in store.ListAsync(incidentId, cancellationToken))
        {
            if (SessionPaths.SegmentNumber(item.Name) is { } number)
            {
                objects.Add((number, item));
            }
        }

        return [.. objects.OrderBy(o => o.Number).Select(o => o.Object)];
    }

    private static async Task<(SessionManifest, RecordingDamage?)> ReconcileAsync(
        ISessionStore store, string incidentId, SessionManifest manifest, ImmutableArray<StoredObject> objects, CancellationToken cancellationToken)
    {
        var known = manifest.Segments.ToDictionary(s => s.Name, StringComparer.Ordinal);

        var entries = new List<SegmentEntry>();
        var name = manifest.Name;
        RecordingDamage? damage = null;
        foreach (var item in objects)
        {
            var entry = known.GetValueOrDefault(item.Name);
            if (entry is not null && entry.Length > item.Length)
            {
                // Written whole, then cut (a copy stopped short, a disk that filled): its figures would read as a run that
                // ended early, or a draft of one still open.
                throw new InvalidDataException(FormattableString.Invariant(
                    $"{item.Name} holds {item.Length} bytes where its manifest recorded {entry.Length}: the recording was cut short"));
            }

            RecordingDamage? damaged = null;
            if (entry is null || entry.Length < item.Length)
            {
                (entry, var opened, damaged) = await ScanTailAsync(store, incidentId, item.Name, entry, cancellationToken);
                name = name.Length == 0 && opened is not null ? opened : name;
            }

            // Past a damaged line only what carries on from the last good event is the recording still: the rest would fold
            // as if the damaged events had never happened.
            if (damage is not null && entry is not null && entries.Count > 0 && entry.FirstSequence != entries[^1].LastSequence + 1)
            {
                damage = damage with { Said = damage.Said + ", and so is all recorded after it" };
                break;
            }

            if (entry is not null)
            {
                entries.Add(entry);
            }

            if (damaged is not null && damage is not null)
            {
                break;
            }

            damage ??= damaged;
        }

        return (entries.Count == 0 ? manifest with { Segments = [] } : manifest with
        {
            Name = name,
            FirstSequence = entries[0].FirstSequence,
            LastSequence = entries[^1].LastSequence,
            FirstTime = entries.Min(e => e.FirstTime),
            LastTime = entries.Max(e => e.LastTime),
            EventCount = entries.Sum(e => e.EventCount),
            Segments = [.. entries],
        }, damage);
    }

    private static async Task<(SegmentEntry? Entry, string? Name, RecordingDamage? Damage)> ScanTailAsync(
        ISessionStore store, string incidentId, string segment, SegmentEntry? known, CancellationToken cancellationToken)
    {
        var entry = known;
        string? name = null;
        await using var stream = await store.OpenReadAsync(SessionPaths.Segment(incidentId, segment), known?.Length ?? 0, cancellationToken);
        if (stream is null)
        {
            return (known, null, null);
        }

        var lines = new LineReader(stream, known?.Length ?? 0, segment);
        long? number = known is null ? 0 : null;
        for (var at = lines.Offset; ; at = lines.Offset)
        {
            ReadOnlyMemory<byte>? read;
            try
            {
                read = await lines.ReadLineAsync(cancellationToken);
            }
            catch (InvalidDataException ex)
            {
                return (entry, name, RecordingDamage.Of(incidentId, segment, at, ex));
            }

            if (read is not { } line)
            {
                return (entry, name, null);
            }

            number++;
            IncidentEvent e;
            try
            {
                e = EventLines.Decode(line.Span);
            }
            catch (Exception ex) when (RecordingUnreadableException.Is(ex))
            {
                return (entry, name, RecordingDamage.Of(incidentId, new RecordedLine(line, segment, at, number), ex));
            }

            name = e is IncidentOpened opened ? opened.Name : name;
            entry = entry is null
                ? new SegmentEntry(segment, e.Sequence, e.Sequence, e.Time, e.Time, lines.Offset, 1, 1)
                : entry with
                {
                    LastSequence = e.Sequence,
                    FirstTime = e.Time < entry.FirstTime ? e.Time : entry.FirstTime,
                    LastTime = e.Time > entry.LastTime ? e.Time : entry.LastTime,
                    Length = lines.Offset,
                    EventCount = entry.EventCount + 1,
                };
        }
    }
}
