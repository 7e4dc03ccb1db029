using System.Runtime.CompilerServices;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Recording.Reading;

namespace Command.Recording.Replay;

/// <summary>
/// Plays a recorded session on one clock for all units: the recorded input events are folded through the same
/// <see cref="IncidentStream"/> live used, and derived events are recomputed rather than read (read, for a session
/// recorded under rules this build no longer derives). The clock
/// advances by the <see cref="TimeProvider"/>'s elapsed time times <see cref="Speed"/> while playing.
/// </summary>
public sealed partial class ReplaySession : IAsyncDisposable
{
    /// <summary>Slowest speed. 0.25×.</summary>
    public const double MinSpeed = 0.25;

    /// <summary>Fastest speed. 60×.</summary>
    public const double MaxSpeed = 60;

    private SessionReader reader;
    private readonly TimeProvider time;
    private readonly AssessmentOptions? assessment;
    private IAsyncEnumerator<(IncidentEvent Event, SessionPosition At)>? events;
    private IncidentEvent? next;
    private long anchor;
    private RecordingUnreadableException? damage;
    private DateTimeOffset damagedAfter;

    private ReplaySession(SessionReader reader, TimeProvider time, AssessmentOptions? assessment)
    {
        (this.reader, this.time, this.assessment) = (reader, time, assessment);
        Stream = new IncidentStream(assessment);
        Start = reader.Manifest.FirstTime ?? default;
        End = reader.Manifest.LastTime ?? default;
    }

    /// <summary>The stream folded up to <see cref="Position"/>; replaced by a seek.</summary>
    public IncidentStream Stream { get; private set; }

    /// <summary>The folded state at <see cref="Position"/>.</summary>
    public IncidentProjection Projection => Stream.Projection;

    public string IncidentId => reader.Manifest.IncidentId;

    public DateTimeOffset Start { get; }

    /// <summary>The session's last instant as recorded when the replay last looked; it grows while the replay <see cref="Follows"/> a session still being recorded.</summary>
    public DateTimeOffset End { get; private set; }

    /// <summary>The replay clock.</summary>
    public DateTimeOffset Position { get; private set; }

    /// <summary>Replay speed, <see cref="MinSpeed"/> to <see cref="MaxSpeed"/>. Default 1×.</summary>
    public double Speed { get; private set; } = 1;

    /// <summary>A replay opens paused.</summary>
    public bool IsPaused { get; private set; } = true;

    public bool AtEnd => next is null;

    /// <summary>
    /// Why the recording cannot be read on, where a damaged line (edited by hand, a bad sector) ends what the replay can
    /// show; null otherwise. The replay plays to the last event before it and stops there, and playing or seeking past it
    /// is refused saying this, rather than playing on over a picture that stood still.
    /// </summary>
    public string? Unreadable => damage?.Message;

    /// <summary>
    /// Where the recording is damaged past what its manifest indexed (<see cref="SessionReader.Damage"/>): the session
    /// plays and seeks up to the last good line before it, and <see cref="End"/> is there; null where it is whole.
    /// </summary>
    public string? Damaged => reader.Damage?.Said;

    /// <summary>
    /// Opens a replay paused at <paramref name="at"/>, or at the session's first instant. With <paramref name="follow"/>
    /// (which opens the session again as it stands), a replay playing at the end of a session still being recorded
    /// plays on into what was recorded since.
    /// </summary>
    public static async Task<ReplaySession> OpenAsync(
        SessionReader reader, TimeProvider time, AssessmentOptions? assessment = null, DateTimeOffset? at = null,
        Func<CancellationToken, Task<SessionReader>>? follow = null, CancellationToken cancellationToken = default)
    {
        var replay = new ReplaySession(reader, time, assessment) { reopen = follow };
        await replay.SeekAsync(at ?? replay.Start, cancellationToken);
        return replay;
    }

    /// <summary>Plays on from where the replay is; at the end there is nothing to play, and it stays paused.</summary>
    public void Play()
    {
        if (damage is not null && AtEnd)
        {
            throw damage;
        }

        anchor = time.GetTimestamp();
        IsPaused = AtEnd && !Follows;
    }

    public void Pause() => IsPaused = true;

    public void SetSpeed(double speed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, MinSpeed);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(speed, MaxSpeed);
        anchor = time.GetTimestamp();
        Speed = speed;
    }

    /// <summary>Moves the clock by the time elapsed since the last move, times the speed, folding what it passes.</summary>
    public async Task<ReplayFrame> AdvanceAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(anchor, now);
        anchor = now;
        if (IsPaused)
        {
            return new ReplayFrame(Position, [], false, AtEnd);
        }

        var target = Position + (elapsed * Speed);
        if (target > End)
        {
            await FollowAsync(cancellationToken);
        }

        var ticks = Stream.TicksFolded;
        var (applied, reached) = await FoldUntilAsync(target > End ? End : target, cancellationToken);
        Position = reached;
        IsPaused = IsPaused || (AtEnd && !Follows);
        return new ReplayFrame(Position, applied, false, AtEnd, Stream.TicksFolded != ticks);
    }

    /// <summary>Folds the next recorded input event (and what it derives), moving the clock to its time.</summary>
    public async Task<ReplayFrame> StepAsync(CancellationToken cancellationToken = default)
    {
        if (damage is not null && AtEnd)
        {
            throw damage;
        }

        var applied = new List<IncidentEvent>();
        var ticks = Stream.TicksFolded;
        while (next is not null)
        {
            var e = await TakeAsync(cancellationToken);
            if (Stream.Replay(e, applied))
            {
                Position = e.Time > Position ? e.Time : Position;
                break;
            }
        }

        anchor = time.GetTimestamp();
        return new ReplayFrame(Position, applied, false, AtEnd, Stream.TicksFolded != ticks);
    }

    /// <summary>
    /// Replaces the state with the state at <paramref name="instant"/>: restores the latest snapshot at or before it
    /// and folds only the events after that snapshot; from the start only when no snapshot is that early (or the
    /// snapshot is of rules this build no longer derives). An instant past the <see cref="End"/> it knew looks again at a
    /// session still being recorded (<see cref="LookAgainAsync"/>) before it goes no further than the end.
    /// </summary>
    public async Task<ReplayFrame> SeekAsync(DateTimeOffset instant, CancellationToken cancellationToken = default)
    {
        // Past the end it knows, a session still being recorded may hold the instant by now, paused or not.
        if (instant > End)
        {
            await LookAgainAsync(cancellationToken);
        }

        instant = instant < Start ? Start : instant > End ? End : instant;
        if (events is not null)
        {
            await events.DisposeAsync();
        }

        // Read on as it grew, the reader knows the events recorded since it was opened but not the snapshots: without them
        // a seek into a long drill still running folded from the snapshot before the replay was opened.
        if (!reader.Indexed && reopen is not null)
        {
            reader = await reopen(cancellationToken);
            End = reader.Manifest.LastTime is { } end && end > End ? end : End;
        }

        Stream = new IncidentStream(assessment);
        var snapshot = await reader.SnapshotAtOrBeforeAsync(instant, cancellationToken);

        // A snapshot written under rules this build no longer derives holds an older judge's state: seeking through it
        // would show units otherwise than a fold from the start does, so such a session is folded from the start.
        if (snapshot is { } old && !AssessmentRules.Derives(old.Snapshot.Adopted?.Rules ?? old.Snapshot.Opened.Rules))
        {
            snapshot = null;
        }

        if (snapshot is { } k)
        {
            Stream.Restore(k.Snapshot);
        }

        events = reader.ReadPlacedAsync(snapshot?.Next, cancellationToken).GetAsyncEnumerator(cancellationToken);
        (damage, damagedAfter) = (null, snapshot?.Snapshot.Clock ?? Start);
        next = await ReadNextAsync();
        (_, Position) = await FoldUntilAsync(instant, cancellationToken);
        anchor = time.GetTimestamp();
        return damage is not null && Position < instant ? throw damage : new ReplayFrame(Position, [], true, AtEnd);
    }
}
