using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Recording.Layout;
using Command.Recording.Storage;

namespace Command.Recording.Reading;

/// <summary>Reads one recorded session from disk or blob storage: its events in order, its snapshots, its timeline.</summary>
public sealed class SessionReader
{
    private const string ClosedPrefix = "{\"type\":\"incident-closed\"";

    private static readonly byte[][] MarkPrefixes =
        [.. new[] { "{\"type\":\"flag-", "{\"type\":\"threat-", "{\"type\":\"unit-role-changed\"", "{\"type\":\"unit-alarmed\"", "{\"type\":\"unit-signed-off\"", "{\"type\":\"unit-released\"", "{\"type\":\"unit-device-renamed\"", "{\"type\":\"drill-controlled\"", "{\"type\":\"source-changed\"", "{\"type\":\"host-departed\"", "{\"type\":\"incident-resumed\"", "{\"type\":\"recording-interrupted\"", "{\"type\":\"site-set\"", ClosedPrefix }.Select(System.Text.Encoding.UTF8.GetBytes)];

    // What names the markers' subjects: the incident's site (its zones) as opened, and each unit's callsign.
    private static readonly byte[][] NamePrefixes =
        [.. MarkPrefixes, .. new[] { "{\"type\":\"incident-opened\"", "{\"type\":\"unit-enrolled\"" }.Select(System.Text.Encoding.UTF8.GetBytes)];

    private static readonly byte[] Closed = System.Text.Encoding.UTF8.GetBytes(ClosedPrefix);

    private SessionReader(ISessionStore store, SessionManifest manifest, RecordingDamage? damage, ImmutableArray<StoredObject> listed, bool indexed = true) =>
        (Store, Manifest, Damage, Listed, Indexed) = (store, manifest, damage, listed, indexed);

    /// <summary>A reader of a session already scanned (<see cref="SessionScan"/>), that has events.</summary>
    internal static SessionReader Of(ISessionStore store, SessionManifest manifest, RecordingDamage? damage) => new(store, manifest, damage, []);

    public ISessionStore Store { get; }

    /// <summary>The manifest reconciled with the segments as stored: complete up to the last whole line written.</summary>
    public SessionManifest Manifest { get; }

    /// <summary>
    /// Where the recording is damaged past what its manifest indexed, so that it is read only up to the last good line
    /// before it (<see cref="Manifest"/> ends there); null where it is whole.
    /// </summary>
    public RecordingDamage? Damage { get; }

    /// <summary>
    /// False for a reader read on from another (<see cref="ReadOnAsync"/>): its <see cref="Manifest"/> knows the events
    /// recorded since, not the snapshots indexed since, which only <see cref="OpenAsync"/> reads.
    /// </summary>
    public bool Indexed { get; }

    // The segments as listed when they were read, to tell whether anything was recorded since.
    private ImmutableArray<StoredObject> Listed { get; }

    /// <summary>Bytes of all segments, for progress.</summary>
    public long TotalBytes => Manifest.Segments.Sum(s => s.Length);

    /// <summary>Opens a session; throws <see cref="KeyNotFoundException"/> when it has no events.</summary>
    public static async Task<SessionReader> OpenAsync(ISessionStore store, string incidentId, CancellationToken cancellationToken = default)
    {
        var (manifest, damage, listed) = await SessionScan.ScanListedAsync(store, incidentId, cancellationToken);
        return manifest.EventCount == 0
            ? throw (damage is null ? new KeyNotFoundException($"No recorded session '{incidentId}' in {store.Location}.") : RecordingUnreadableException.Of(incidentId, damage))
            : new SessionReader(store, manifest, damage, listed);
    }

    /// <summary>
    /// The session as it stands now, for a reader of a session still being recorded: null where none of its segments
    /// changed since this reader read them (only their list is asked), otherwise this reader's manifest read on over what
    /// was appended since (<see cref="SessionScan.ScanOnAsync"/>), the manifest itself not read again (<see cref="Indexed"/> false).
    /// </summary>
    public async Task<SessionReader?> ReadOnAsync(CancellationToken cancellationToken = default) =>
        await SessionScan.ScanOnAsync(Store, Manifest, Listed, cancellationToken) is { } on
            ? new SessionReader(Store, on.Manifest, on.Damage, on.Listed, indexed: false)
            : null;

    /// <summary>Every event from <paramref name="from"/> (default: the start) to the end, in sequence order.</summary>
    /// <param name="from">Where to start.</param>
    /// <param name="progress">Told the bytes read so far, now and then.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public async IAsyncEnumerable<IncidentEvent> ReadAsync(
        SessionPosition? from = null, IProgress<long>? progress = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var line in ReadLinesAsync(from, progress, cancellationToken))
        {
            yield return Decode(line);
        }
    }

    /// <summary>
    /// Every event from <paramref name="from"/> to the end, each with where its line starts, so that a reader of the
    /// session as it grows can go on from a line it has read rather than from a snapshot before it.
    /// </summary>
    internal async IAsyncEnumerable<(IncidentEvent Event, SessionPosition At)> ReadPlacedAsync(
        SessionPosition? from, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var line in ReadLinesAsync(from, null, cancellationToken))
        {
            yield return (Decode(line), new SessionPosition(line.Segment, line.Offset));
        }
    }

    /// <summary>A recorded line as its event; throws <see cref="RecordingUnreadableException"/>, saying where it is, where it is none.</summary>
    internal IncidentEvent Decode(RecordedLine line)
    {
        if (line.TooLong is { } tooLong)
        {
            throw RecordingUnreadableException.Of(Manifest.IncidentId, tooLong);
        }

        try
        {
            return EventLines.Decode(line.Span);
        }
        catch (Exception ex) when (RecordingUnreadableException.Is(ex))
        {
            throw RecordingUnreadableException.Of(Manifest.IncidentId, line, ex);
        }
    }

    /// <summary>
    /// A recorded line as its event; where it is none (a bad sector, a line edited by hand), where the recording is
    /// damaged, for what reads it whole (a report, a timeline) to read it up to there and say so, as a replay stops there.
    /// </summary>
    internal (IncidentEvent? Event, RecordingDamage? Damage) DecodeOrDamage(RecordedLine line)
    {
        if (line.TooLong is { } tooLong)
        {
            return (null, RecordingDamage.Of(Manifest.IncidentId, line.Segment, line.Offset, tooLong));
        }

        try
        {
            return (EventLines.Decode(line.Span), null);
        }
        catch (Exception ex) when (RecordingUnreadableException.Is(ex))
        {
            return (null, RecordingDamage.Of(Manifest.IncidentId, line, ex));
        }
    }

    /// <summary>The flags, the units' own alerts, sign-offs and releases, the sources of reports down and heard again, and the commands (threats, phases, roles, drill controls, the site given, the close) of the whole session, for timeline markers.</summary>
    public async Task<IReadOnlyList<IncidentEvent>> ReadTimelineAsync(CancellationToken cancellationToken = default) =>
        (await ReadStartingAsync(MarkPrefixes, cancellationToken)).Events;

    /// <summary>
    /// The same, with what names their subjects among them: the incident's opening (its site's zones) and each unit's
    /// enrolment (its callsign), in the order recorded; read up to a damaged line where there is one, which it says.
    /// </summary>
    public Task<SessionMarks> ReadTimelineWithNamesAsync(CancellationToken cancellationToken = default) =>
        ReadStartingAsync(NamePrefixes, cancellationToken);

    private async Task<SessionMarks> ReadStartingAsync(byte[][] prefixes, CancellationToken cancellationToken)
    {
        var marks = new List<IncidentEvent>();
        var (sequence, time) = (Manifest.FirstSequence, Manifest.FirstTime ?? default);
        await foreach (var line in ReadLinesAsync(null, null, cancellationToken))
        {
            // The discriminator is written first, so most lines are only checked whole, not built. A damaged one ends the
            // timeline where the replay and the report end, and is said as they say it.
            var marked = prefixes.Any(p => line.Span.StartsWith(p));
            if (!marked && PassedLine.TryRead(line.Span, out var passed, out var at))
            {
                (sequence, time) = (passed, at);
                continue;
            }

            var (e, damage) = DecodeOrDamage(line);
            if (damage is not null)
            {
                return new SessionMarks(marks, damage, sequence, time);
            }

            (sequence, time) = (e!.Sequence, e.Time);
            if (marked)
            {
                marks.Add(e);
            }
        }

        return new SessionMarks(marks, Damage, sequence, time);
    }

    /// <summary>
    /// Whether the session holds its incident's close: in its latest snapshot, or among the events after it (only those
    /// are read). What the recording says, whatever any list of incidents says.
    /// </summary>
    public async Task<bool> RecordsCloseAsync(CancellationToken cancellationToken = default)
    {
        var (snapshot, from) = await TailFromAsync(0, cancellationToken);
        if (snapshot?.ClosedAt is not null)
        {
            return true;
        }

        await foreach (var line in ReadLinesAsync(from, null, cancellationToken))
        {
            if (line.Span.StartsWith(Closed))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The latest snapshot whose clock is at or before <paramref name="instant"/>, and where to read on from.</summary>
    public async Task<(IncidentSnapshot Snapshot, SessionPosition Next)?> SnapshotAtOrBeforeAsync(DateTimeOffset instant, CancellationToken cancellationToken = default)
    {
        // A snapshot listed but gone (a session copied without its keyframes folder) only makes the read longer: the
        // segments hold every event. Before, opening a replay of such a copy answered an empty 500.
        foreach (var entry in Manifest.Snapshots.Where(k => k.Time <= instant).Reverse())
        {
            if (await TryLoadAsync(entry, cancellationToken) is { } snapshot)
            {
                return (snapshot, new SessionPosition(entry.Segment, entry.Offset));
            }
        }

        return null;
    }

    /// <summary>
    /// Where to read on from to have every event after <paramref name="afterSequence"/>: the latest snapshot when it
    /// is later (loaded), otherwise the position of the last snapshot at or before it (or the start).
    /// </summary>
    public async Task<(IncidentSnapshot? Snapshot, SessionPosition? From)> TailFromAsync(long afterSequence, CancellationToken cancellationToken = default)
    {
        if (Manifest.Snapshots.LastOrDefault() is { } latest && latest.Sequence > afterSequence && await TryLoadAsync(latest, cancellationToken) is { } loaded)
        {
            return (loaded, new SessionPosition(latest.Segment, latest.Offset));
        }

        var before = Manifest.Snapshots.LastOrDefault(k => k.Sequence <= afterSequence);
        return (null, before is null ? null : new SessionPosition(before.Segment, before.Offset));
    }

    // The snapshot, or null where it is listed but missing; one that is there but is none is unreadable.
    private async Task<IncidentSnapshot?> TryLoadAsync(SnapshotEntry entry, CancellationToken cancellationToken)
    {
        if (await Store.ReadAllAsync(SessionPaths.Snapshot(Manifest.IncidentId, entry.Sequence), cancellationToken) is not { } bytes)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, EventJsonContext.Default.IncidentSnapshot)
                ?? throw new JsonException($"Snapshot {entry.Sequence} of {Manifest.IncidentId} is empty.");
        }
        catch (Exception ex) when (RecordingUnreadableException.Is(ex))
        {
            throw RecordingUnreadableException.Of(Manifest.IncidentId, ex);
        }
    }

    /// <summary>
    /// Raw lines, each with where it is; each is valid only until the next is read. A line too long to be an event ends
    /// them, as a line that says so (<see cref="RecordedLine.TooLong"/>), for <see cref="Decode"/> and
    /// <see cref="DecodeOrDamage"/> to say as they say any other damaged line: thrown from here, it answered the report and
    /// the timeline 503 where they read a damaged line as where the recording ends.
    /// </summary>
    /// <param name="from">Where to start; the start when null.</param>
    /// <param name="progress">Told the bytes read so far, now and then.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <param name="linesBefore">How many lines of its segment come before <paramref name="from"/>, where the caller knows (it read them), so the lines are numbered.</param>
    internal async IAsyncEnumerable<RecordedLine> ReadLinesAsync(
        SessionPosition? from, IProgress<long>? progress, [EnumeratorCancellation] CancellationToken cancellationToken, long? linesBefore = null)
    {
        var segments = Manifest.Segments;
        var first = from is { } f ? segments.IndexOf(segments.Single(s => s.Name == f.Segment)) : 0;
        long before = segments.Take(first).Sum(s => s.Length);
        for (var i = first; i < segments.Length; i++)
        {
            var offset = i == first && from is { } start ? start.Offset : 0;
            await using var stream = await Store.OpenReadAsync(SessionPaths.Segment(Manifest.IncidentId, segments[i].Name), offset, cancellationToken)
                ?? throw new FileNotFoundException($"Segment {segments[i].Name} of {Manifest.IncidentId} is listed but missing.");
            var lines = new LineReader(stream, offset, segments[i].Name);
            var reported = 0L;
            // Lines are numbered where the segment is read from its start (a report, a timeline), not from a snapshot within it.
            long? number = offset == 0 ? 0 : i == first ? linesBefore : null;
            for (var at = lines.Offset; at < segments[i].Length; at = lines.Offset)
            {
                var (line, tooLong) = await ReadLineAsync(lines, cancellationToken);
                number++;
                if (tooLong is not null)
                {
                    yield return new RecordedLine(ReadOnlyMemory<byte>.Empty, segments[i].Name, at, number, tooLong);
                    yield break;
                }

                if (line is null)
                {
                    break;
                }

                yield return new RecordedLine(line.Value, segments[i].Name, at, number);
                if (progress is not null && lines.Offset - reported > 1 << 20)
                {
                    reported = lines.Offset;
                    progress.Report(before + reported);
                }
            }

            before += segments[i].Length;
            progress?.Report(before);
        }
    }

    // A line too long to be an event is the recording's damage, said as any other by what reads the line.
    private static async ValueTask<(ReadOnlyMemory<byte>? Line, InvalidDataException? TooLong)> ReadLineAsync(LineReader lines, CancellationToken cancellationToken)
    {
        try
        {
            return (await lines.ReadLineAsync(cancellationToken), null);
        }
        catch (InvalidDataException ex)
        {
            return (null, ex);
        }
    }
}
