using Command.Domain.Views;
using Command.Grains.Incidents;
using Command.Recording.Replay;

namespace Command.Host.Replays;

/// <summary>
/// One replay as a feed: the same frames as a live incident, on the replay's clock, handed to
/// <paramref name="publish"/>. A seek sends a full frame that replaces what the view had. Its owner (the replay
/// grain) ticks it every <see cref="FramePacing.Interval"/> and calls it one turn at a time. Its frames are numbered
/// after <paramref name="generations"/>: a replay opened again after its host went down numbers its frames above every
/// one the lost activation sent, so the hosts watching it take them as newer. Every frame says how fast the replay's
/// clock runs (<see cref="IncidentFrame.ClockRate"/>), and playing, pausing or a change of speed says so at once: a
/// view watching a replay someone else drives runs its clock as the driver's does.
/// </summary>
public sealed class ReplayPlayer(string replayId, ReplaySession session, Action<IncidentFrame> publish, FramePacing pacing, TimeProvider clock, long generations = 0)
    : IAsyncDisposable
{
    private readonly FrameCoalescer frames = new();
    private long lastSent = clock.GetTimestamp();
    private long lastLook = clock.GetTimestamp();
    private long generation = generations;

    public string ReplayId { get; } = replayId;

    public string FeedId => ReplayFeed.Id(ReplayId);

    public ReplayStatus Status =>
        new(ReplayId, session.IncidentId, session.Start, session.End, session.Position, session.Speed, session.IsPaused, session.AtEnd, session.Follows, session.Projection.Name, session.Damaged);

    /// <summary>How fast the replay's clock runs: its speed while it plays, 0 while it is paused.</summary>
    public double Rate => session.IsPaused ? 0 : session.Speed;

    /// <summary>The whole picture for a view that joins, numbered with the frames sent so far.</summary>
    public IncidentFrame FullFrame() =>
        frames.Restart(FeedId, session.Projection, session.Projection.LastSequence) with { Clock = session.Position, Generation = generation, ClockRate = Rate };

    /// <summary>
    /// Plays on at <paramref name="speed"/> (or the speed it has). At the end of a closed session there is nothing to
    /// play: as any player does, it plays again from the start. At the end of one still being recorded it plays on as
    /// the recording grows. Stopped by a line it cannot read, it says why (<see cref="ReplaySession.Unreadable"/>): played
    /// from the start, it stopped there again without a word.
    /// </summary>
    public async Task PlayAsync(double? speed)
    {
        if (speed is { } s)
        {
            session.SetSpeed(s);
        }

        if (!session.Follows && session.Unreadable is null && (session.AtEnd || session.Position >= session.End))
        {
            await SeekAsync(session.Start);
        }

        session.Play();
        SendClock();
    }

    public void Pause()
    {
        session.Pause();
        SendClock();
    }

    public async Task StepAsync() => Publish(await session.StepAsync());

    public async Task SeekAsync(DateTimeOffset instant) => Publish(await session.SeekAsync(instant));

    /// <summary>Reads again a session still being recorded, so that its end reaches what was recorded since (<see cref="ReplaySession.LookAgainAsync"/>).</summary>
    public async Task LookAgainAsync()
    {
        lastLook = clock.GetTimestamp();
        await session.LookAgainAsync();
    }

    /// <summary>
    /// Moves a playing replay on by the time since the last tick, and says so at once when that brought it to the end of
    /// its session, where it stops. Playing through a stretch with nothing to show, or paused, it sends a heartbeat now
    /// and then, which puts right the clock of a view running it on by itself; paused, it looks every
    /// <see cref="ReplaySession.FollowEvery"/> for what a session still being recorded recorded since.
    /// </summary>
    public async Task TickAsync()
    {
        if (!session.IsPaused)
        {
            Publish(await session.AdvanceAsync());
            if (session.IsPaused)
            {
                SendClock();
                return;
            }
        }
        else if (session.Follows && clock.GetElapsedTime(lastLook) >= ReplaySession.FollowEvery)
        {
            // Paused, it still learns what its session recorded since, so its status (and a page's slider) reach it.
            await LookAgainAsync();
        }

        if (clock.GetElapsedTime(lastSent) >= pacing.Heartbeat)
        {
            SendClock();
        }
    }

    public ValueTask DisposeAsync() => session.DisposeAsync();

    // Only the units the replayed events touched are assessed again (all of them when the clock ticked): at 60x a
    // frame carries a few seconds of a drill, not the whole roster each time.
    private void Publish(ReplayFrame replayed)
    {
        IncidentFrame? frame;
        if (replayed.Seeked)
        {
            frame = frames.Restart(FeedId, session.Projection, session.Projection.LastSequence);
        }
        else
        {
            frames.Notice(replayed.Applied);
            if (replayed.Ticked)
            {
                frames.NoticeClock();
            }

            frame = frames.Take(FeedId, session.Projection, session.Projection.LastSequence);
        }

        if (frame is not null)
        {
            // Every frame carries the threats, for where they stood at the replay's time, and whether flags are suppressed
            // travels with them: without it the page took the suppression as lifted, and a commander's declaration left
            // the replay's board as soon as it played on.
            Send(frame with { Clock = session.Position, Threats = [.. session.Projection.Threats.Values], Suppression = session.Projection.Suppression });
        }
    }

    // An empty frame: where the replay's clock stands and how fast it runs from there.
    private void SendClock() => Send(new IncidentFrame(FeedId, session.Projection.LastSequence, session.Position, false, [], [], []));

    private void Send(IncidentFrame frame)
    {
        lastSent = clock.GetTimestamp();
        publish(frame with { Generation = ++generation, ClockRate = Rate });
    }
}

/// <summary>
/// Where a replay is: its session's span, its clock, speed and whether it plays; whether it follows a session still
/// being recorded (its <paramref name="LastTime"/> then grows as it plays at the end); the name of the incident
/// whose session it plays; who drives it (<paramref name="DrivenBy"/>, the one who opened it), and who last played,
/// paused, stepped or seeked it when (null: nobody since it was opened), on the replays' clock. Each name comes with the
/// identity behind it (<paramref name="DrivenById"/>, <paramref name="ChangedById"/>: <c>person:&lt;id&gt;</c> or
/// <c>token:&lt;id&gt;</c>, as <c>GET /api/auth/me</c> says the caller's), which tells apart someone added again under a
/// removed person's name; empty for a replay opened before identities were kept, whose driver is matched by name.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReplayStatus(
    string ReplayId, string IncidentId, DateTimeOffset FirstTime, DateTimeOffset LastTime, DateTimeOffset Position, double Speed, bool Paused, bool AtEnd,
    bool Follows = false, string Name = "", string? Damaged = null, string DrivenBy = "", string? ChangedBy = null, DateTimeOffset? ChangedAt = null,
    string DrivenById = "", string? ChangedById = null);

/// <summary>How a replay is named as a feed: "replay:{id}", beside live incidents' ids.</summary>
public static class ReplayFeed
{
    public const string Prefix = "replay:";

    public static string Id(string replayId) => Prefix + replayId;

    /// <summary>The replay id of a feed id such as "replay:abc123", or null when it names a live incident.</summary>
    public static string? ReplayOf(string feedId) => feedId.StartsWith(Prefix, StringComparison.Ordinal) ? feedId[Prefix.Length..] : null;
}
