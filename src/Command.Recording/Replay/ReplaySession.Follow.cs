using Command.Recording.Reading;

namespace Command.Recording.Replay;

public sealed partial class ReplaySession
{
    /// <summary>How often a replay playing at the end of a session still being recorded looks for what was recorded since.</summary>
    public static readonly TimeSpan FollowEvery = TimeSpan.FromSeconds(2);

    // Opens the session again as it stands, its manifest read: a seek needs the snapshots indexed since the replay read it.
    private Func<CancellationToken, Task<SessionReader>>? reopen;
    private long lastLook;

    // Where the line of the event to fold next starts.
    private SessionPosition? nextAt;

    /// <summary>
    /// True while the replay plays on past its end as the session grows: it was opened to follow a session, and the
    /// incident is not closed (as far as the replay has folded).
    /// </summary>
    public bool Follows => reopen is not null && !Stream.IsClosed && damage is null;

    /// <summary>
    /// Reads again a session still being recorded, wherever the replay stands and whether or not it plays, so that its
    /// <see cref="End"/> reaches what was recorded since it last looked; true when that moved its end. A paused replay
    /// otherwise knew only the end it had when it stopped, and an after-action team reviewing a drill still running could
    /// neither see nor seek to what had been recorded since.
    /// </summary>
    public async Task<bool> LookAgainAsync(CancellationToken cancellationToken = default)
    {
        if (!Follows)
        {
            return false;
        }

        var end = End;
        await ReadOnAsync(reader.Manifest.LastSequence, cancellationToken);
        return End > end;
    }

    // Playing at the end of a session still being recorded: reads what was recorded since it last looked, at most every
    // FollowEvery.
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        if (!Follows || next is not null || time.GetElapsedTime(lastLook) < FollowEvery)
        {
            return;
        }

        await ReadOnAsync(Stream.LastSequence, cancellationToken);
    }

    // Reads the session on from where its reader stopped (nothing where none of its segments changed: the manifest, 36 KB
    // at two hours of 100 units, was read again at every look) and, where it holds more than <known>, reads on in it from
    // the line it was to fold next, or from where the session it read ended once it folded all of it: only what was
    // recorded since, where it read again from the snapshot before the last event folded, up to half a minute of a drill
    // at every look. From that snapshot only where it knows no such line.
    private async Task ReadOnAsync(long known, CancellationToken cancellationToken)
    {
        lastLook = time.GetTimestamp();
        var folded = Stream.LastSequence;
        if (await reader.ReadOnAsync(cancellationToken) is not { } fresh || fresh.Manifest.LastSequence <= Math.Max(known, folded))
        {
            return;
        }

        var from = next is not null ? nextAt
            : folded >= reader.Manifest.LastSequence && reader.Manifest.Segments is [.., var last] ? new SessionPosition(last.Name, last.Length)
            : fresh.Manifest.Snapshots.LastOrDefault(k => k.Sequence <= folded) is { } k ? new SessionPosition(k.Segment, k.Offset) : (SessionPosition?)null;
        if (events is not null)
        {
            await events.DisposeAsync();
        }

        reader = fresh;
        End = fresh.Manifest.LastTime is { } end && end > End ? end : End;
        events = reader.ReadPlacedAsync(from, cancellationToken).GetAsyncEnumerator(cancellationToken);
        next = null;
        while (await events.MoveNextAsync())
        {
            if (events.Current.Event.Sequence > folded)
            {
                (next, nextAt) = events.Current;
                break;
            }
        }
    }
}
