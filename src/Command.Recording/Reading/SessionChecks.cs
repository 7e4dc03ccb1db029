using System.Collections.Concurrent;
using System.Globalization;
using Command.Recording.Layout;
using Microsoft.Extensions.Logging;

namespace Command.Recording.Reading;

/// <summary>
/// How far each session's recording has been read line by line for a list of sessions, and where it is damaged within
/// what its manifest indexes (a line edited by hand, a bad sector), read as the report and the timeline read it. The
/// manifest alone says nothing of a line damaged inside it: the list showed such a session whole, and the after-action
/// team learned otherwise only from its report. Kept across listings, so that each reads only what was recorded since the
/// one before (a closed session's recording once), not every recording whole at every call.
/// </summary>
/// <param name="logger">Where a check that failed is said, as it fails: once for a session and a kind of failure.</param>
/// <param name="time">When a check that failed is tried again.</param>
internal sealed partial class SessionChecks(ILogger logger, TimeProvider time)
{
    /// <summary>How long after a check of a session failed it is first tried again: 10 s, doubled at each failure after.</summary>
    public static readonly TimeSpan FirstRetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>The longest a session that keeps failing its check waits to be tried again: 10 minutes.</summary>
    public static readonly TimeSpan MostRetryAfter = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, SessionChecked> read = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, Task<SessionChecked?>> running = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, CheckFailure> failed = new(StringComparer.Ordinal);

    // The kinds of failure already logged of each session: a storage account gone away is said once, not at every try.
    private readonly ConcurrentDictionary<(string IncidentId, string Kind), byte> told = new();

    private readonly SemaphoreSlim apart = new(1);

    /// <summary>The sessions whose read position is remembered.</summary>
    public ICollection<string> Remembered => read.Keys;

    /// <summary>The session as read up to the end of its manifest (<paramref name="reader"/>'s), from where the last check stopped.</summary>
    public async Task<SessionChecked> CheckAsync(SessionReader reader, CancellationToken cancellationToken)
    {
        var manifest = reader.Manifest;
        var from = From(manifest);
        if (from?.Damage is not null)
        {
            return from;
        }

        var now = await ReadOnAsync(reader, from, cancellationToken);
        read[manifest.IncidentId] = now;
        Recovered(manifest.IncidentId);
        return now;
    }

    /// <summary>Why the last check of the session failed, and when it is tried again; null where it did not.</summary>
    public CheckFailure? Failure(string incidentId) => failed.GetValueOrDefault(incidentId);

    /// <summary>
    /// Takes note that the check of the session failed (storage gone away, a disk that cannot be read: not a damaged line,
    /// which a check finds and says), logging it the first time it fails so, and answers when it is tried again: later at
    /// each failure, up to <see cref="MostRetryAfter"/>.
    /// </summary>
    public CheckFailure Failed(string incidentId, Exception exception)
    {
        var now = time.GetUtcNow();
        var failure = failed.AddOrUpdate(
            incidentId,
            _ => new CheckFailure(exception.Message, 1, now + FirstRetryAfter),
            (_, before) => new CheckFailure(exception.Message, before.Tries + 1, now + RetryAfter(before.Tries + 1)));
        Tell(incidentId, exception, failure.RetryAt);
        return failure;
    }

    /// <summary>
    /// Takes note that the session's manifest or list of segments could not be read for a listing (storage gone away, a disk
    /// that cannot be read), logging it the first time it fails so, and answers what the listing says of it: "the recording
    /// of 'x' could not be read from its store (IOException: …); the next listing reads it again".
    /// </summary>
    public string Unlisted(string incidentId, Exception exception)
    {
        if (told.TryAdd((incidentId, exception.GetType().FullName ?? exception.GetType().Name), 0))
        {
            LogUnlisted(logger, exception, incidentId);
        }

        return $"the recording of '{incidentId}' could not be read from its store ({exception.GetType().Name}: {exception.Message}); the next listing reads it again";
    }

    /// <summary>How many bytes of the session a check would read now: those recorded since the last check, or all of them.</summary>
    public long Unread(SessionManifest manifest)
    {
        var from = From(manifest);
        if (from?.Damage is not null)
        {
            return 0;
        }

        var segments = manifest.Segments.IsDefault ? [] : manifest.Segments;
        var at = from is null ? 0 : segments.IndexOf(segments.First(s => s.Name == from.Segment));
        return segments.Skip(at).Sum(s => s.Length) - (from?.Offset ?? 0);
    }

    /// <summary>
    /// The check of the session under way apart from any listing (<see cref="CheckApart"/>), finished or not; null where
    /// none is. One finished is then forgotten: its position is remembered as any check's is, and its failure (a null
    /// result) in <see cref="Failure"/>.
    /// </summary>
    public Task<SessionChecked?>? Running(string incidentId) =>
        running.TryGetValue(incidentId, out var check) && check.IsCompleted && running.TryRemove(new(incidentId, check)) ? check
            : running.GetValueOrDefault(incidentId);

    /// <summary>
    /// Starts the check of the session apart from the listing that asked, where none is under way already; one at a time,
    /// so that forty sessions checked at once do not take the host's disk and cores from the drill it is running. One that
    /// fails is logged as it fails (<see cref="Failed"/>): the next listing says it too, but none may come. It then ends
    /// with no result, so that the listings after it list the session as one that could not be checked rather than fail.
    /// </summary>
    public void CheckApart(SessionReader reader, CancellationToken stopping) =>
        running.GetOrAdd(reader.Manifest.IncidentId, incidentId => Task.Run<SessionChecked?>(
            async () =>
            {
                await apart.WaitAsync(stopping);
                try
                {
                    return await CheckAsync(reader, stopping);
                }
                catch (RecordingUnreadableException ex) when (!stopping.IsCancellationRequested)
                {
                    // No recording at all: the next listing says it cannot be read, as a listing reading it would.
                    Tell(incidentId, ex, null);
                    throw;
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    Failed(incidentId, ex);
                    return null;
                }
                finally
                {
                    apart.Release();
                }
            },
            stopping));

    /// <summary>Forgets the read position of every session but <paramref name="listed"/>: those deleted since they were read.</summary>
    public void KeepOnly(IReadOnlySet<string> listed)
    {
        foreach (var gone in read.Keys.Concat(failed.Keys).Concat(told.Keys.Select(k => k.IncidentId)).Distinct().Where(id => !listed.Contains(id)).ToList())
        {
            read.TryRemove(gone, out _);
            Recovered(gone);
        }
    }

    // The first retry after 10 s, then twice as long at each failure, never past the most.
    private static TimeSpan RetryAfter(int tries) =>
        tries >= 16 ? MostRetryAfter : TimeSpan.FromTicks(Math.Min(FirstRetryAfter.Ticks << (tries - 1), MostRetryAfter.Ticks));

    private void Tell(string incidentId, Exception exception, DateTimeOffset? retryAt)
    {
        if (told.TryAdd((incidentId, exception.GetType().FullName ?? exception.GetType().Name), 0))
        {
            LogCheckFailed(logger, exception, incidentId, retryAt is { } at
                ? string.Create(CultureInfo.InvariantCulture, $"tried again from {at.UtcDateTime:HH:mm:ss} UTC, and later at each failure") : "not tried again");
        }
    }

    // Read whole again (or gone): a failure after this one is said again.
    private void Recovered(string incidentId)
    {
        failed.TryRemove(incidentId, out _);
        foreach (var key in told.Keys.Where(k => k.IncidentId == incidentId))
        {
            told.TryRemove(key, out _);
        }
    }

    // Where the last check of it stopped. A session deleted and recorded again under its id, its segment shorter than was
    // read of it, is read afresh.
    private SessionChecked? From(SessionManifest manifest) =>
        read.GetValueOrDefault(manifest.IncidentId) is { } before && !manifest.Segments.IsDefault
            && manifest.Segments.Any(s => s.Name == before.Segment && s.Length >= before.Offset) ? before : null;

    private static async Task<SessionChecked> ReadOnAsync(SessionReader reader, SessionChecked? from, CancellationToken cancellationToken)
    {
        if (from is null && reader.Manifest.Segments.IsDefaultOrEmpty)
        {
            // A session opened whose first line is not in its manifest yet: nothing to read, nothing damaged.
            return new SessionChecked("", 0, 0, 0, null, 0, null);
        }

        var (segment, offset, lines, events, last, sequence) = from is null
            ? (reader.Manifest.Segments[0].Name, 0L, 0L, 0L, (DateTimeOffset?)null, 0L)
            : (from.Segment, from.Offset, from.Lines, from.Events, from.LastTime, from.LastSequence);
        var position = from is null ? (SessionPosition?)null : new SessionPosition(from.Segment, from.Offset);
        await foreach (var line in reader.ReadLinesAsync(position, null, cancellationToken, from?.Lines))
        {
            if (line.Segment != segment)
            {
                (segment, lines) = (line.Segment, 0);
            }

            // The timeline's quick read of a position, else the whole event: where either stops, the report and replay do.
            if (!PassedLine.TryRead(line.Span, out var at, out var time))
            {
                var (e, damage) = reader.DecodeOrDamage(line);
                if (damage is not null)
                {
                    return new SessionChecked(segment, line.Offset, lines, events, last, sequence, damage);
                }

                (at, time) = (e!.Sequence, e.Time);
            }

            (offset, lines, events, sequence) = (line.Offset + line.Bytes.Length + 1, lines + 1, events + 1, at);
            last = last is { } latest && latest > time ? latest : time;
        }

        return new SessionChecked(segment, offset, lines, events, last, sequence, null);
    }
}

/// <summary>
/// A session's recording as read by <see cref="SessionChecks"/>: up to <paramref name="Offset"/> of
/// <paramref name="Segment"/> (its <paramref name="Lines"/>th line there), with the events read and the latest time among
/// them and the last one's sequence, and where it is damaged, where that stopped it.
/// </summary>
internal sealed record SessionChecked(string Segment, long Offset, long Lines, long Events, DateTimeOffset? LastTime, long LastSequence, RecordingDamage? Damage);

/// <summary>
/// Why the check of a session for damage failed (<paramref name="Reason"/>, the failure's own words), how many times in a
/// row it has, and when it is tried again (<paramref name="RetryAt"/>).
/// </summary>
public sealed record CheckFailure(string Reason, int Tries, DateTimeOffset RetryAt)
{
    /// <summary>
    /// What a listing says of the session: "its recording could not be read for damage (…); it is listed as its manifest
    /// indexes it, and read again from 18:12:30 UTC".
    /// </summary>
    public string Said => string.Create(CultureInfo.InvariantCulture,
        $"its recording could not be read for damage ({Reason}); it is listed as its manifest indexes it, and read again from {RetryAt.UtcDateTime:HH:mm:ss} UTC");
}
