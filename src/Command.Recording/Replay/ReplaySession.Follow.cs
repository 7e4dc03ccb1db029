using Command.Recording.Reading;

namespace Command.Recording.Replay;

public sealed partial class ReplaySession
{
    /// <summary>How often a replay playing at the end of a session still being recorded looks for what was recorded since.</summary>
    public static readonly TimeSpan FollowEvery = TimeSpan.FromSeconds(2);

    private Func<CancellationToken, Task<SessionReader>>? reopen;
    private long lastLook;

    /// <summary>
    /// True while the replay plays on past its end as the session grows: it was opened to follow a session, and the
    /// incident is not closed (as far as the replay has folded).
    /// </summary>
    public bool Follows => reopen is not null && !Stream.IsClosed && damage is null;

    // Playing at the end of a session still being recorded: reads what was recorded since it last looked, at most every
    // FollowEvery, from the snapshot before the last event folded, passing over what is folded already.
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        if (!Follows || next is not null || time.GetElapsedTime(lastLook) < FollowEvery)
        {
            return;
        }

        lastLook = time.GetTimestamp();
        var fresh = await reopen!(cancellationToken);
        var folded = Stream.LastSequence;
        if (fresh.Manifest.LastSequence <= folded)
        {
            return;
        }

        var from = fresh.Manifest.Snapshots.LastOrDefault(k => k.Sequence <= folded) is { } k ? new SessionPosition(k.Segment, k.Offset) : (SessionPosition?)null;
        if (events is not null)
        {
            await events.DisposeAsync();
        }

        reader = fresh;
        End = fresh.Manifest.LastTime is { } last && last > End ? last : End;
        events = reader.ReadAsync(from, null, cancellationToken).GetAsyncEnumerator(cancellationToken);
        next = null;
        while (await events.MoveNextAsync())
        {
            if (events.Current.Sequence > folded)
            {
                next = events.Current;
                break;
            }
        }
    }
}
