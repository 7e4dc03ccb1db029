using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Views;
using Orleans.Utilities;

namespace Command.Grains.Incidents;

/// <summary>
/// An incident's frames to the hosts watching it: what a recorded batch changed is coalesced and published at
/// most once per frame interval (<see cref="FramePacing"/>). A change after a quiet spell goes out at once; what only
/// the clock brought about waits a little longer for a frame that is going out anyway. A batch is shown only once
/// it is recorded: until then its units are held back, so the map never moves a unit the recording never saw.
/// </summary>
internal sealed class FramePublisher(IGrainBase grain, string incidentId, FramePacing pacing, TimeProvider clock, ObserverManager<IIncidentObserver> observers)
{
    private readonly FrameCoalescer coalescer = new();
    private readonly FramePacer pacer = new(clock, pacing.Interval, pacing.IncidentSlack);
    private readonly Queue<(long Last, IReadOnlyList<IncidentEvent> Events)> unrecorded = new();
    private IGrainTimer? timer;
    private IGrainTimer? heartbeat;
    private long timerDue;
    private long lastSent = clock.GetTimestamp();

    /// <summary>Notes a folded batch that is on its way to the recording.</summary>
    public void Folded(IReadOnlyList<IncidentEvent> batch)
    {
        if (batch.Count > 0)
        {
            unrecorded.Enqueue((batch[^1].Sequence, batch));
        }
    }

    /// <summary>Everything up to <paramref name="sequence"/> is recorded: its changes may be shown.</summary>
    public void Recorded(long sequence, IncidentStream stream)
    {
        while (unrecorded.TryPeek(out var next) && next.Last <= sequence)
        {
            unrecorded.Dequeue();
            if (observers.Count > 0)
            {
                coalescer.Notice(next.Events);
            }
        }

        Schedule(stream);
    }

    /// <summary>The clock moved on: every unit may have aged.</summary>
    public void Ticked(IncidentStream stream)
    {
        if (observers.Count > 0)
        {
            coalescer.NoticeClock();
            Schedule(stream);
        }
    }

    /// <summary>Someone watches: a heartbeat goes out whenever nothing else did for <see cref="FramePacing.Heartbeat"/>.</summary>
    public void Watched(IncidentStream stream) =>
        heartbeat ??= grain.RegisterGrainTimer(() =>
        {
            Heartbeat(stream);
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(pacing.Heartbeat, pacing.Heartbeat) { Interleave = true });

    /// <summary>
    /// A heartbeat when nothing went out for <see cref="FramePacing.Heartbeat"/>: an empty frame at the incident's
    /// clock, so watchers can tell a quiet incident from one they no longer hear.
    /// </summary>
    private void Heartbeat(IncidentStream stream)
    {
        if (observers.Count == 0 || !stream.Exists || clock.GetElapsedTime(lastSent) < pacing.Heartbeat)
        {
            return;
        }

        var beat = new IncidentFrame(incidentId, LastRecorded(stream), stream.Clock, false, [], [], []);
        lastSent = clock.GetTimestamp();
        observers.Notify(o => o.OnFrame(beat));
    }

    /// <summary>Nobody watches: forget what was sent, so the first frames to a new watcher leave nothing out.</summary>
    public void Unwatched()
    {
        timer?.Dispose();
        timer = null;
        heartbeat?.Dispose();
        heartbeat = null;
        coalescer.Forget();
    }

    /// <summary>
    /// The incident could not record: watchers are told at once, with why, in a frame at the last event recorded, so a
    /// page says so over the picture it holds rather than show it live while the incident takes nothing.
    /// </summary>
    public void NotRecording(IncidentStream stream, RecordingStopped stopped)
    {
        if (observers.Count == 0 || !stream.Exists)
        {
            return;
        }

        var word = new IncidentFrame(incidentId, LastRecorded(stream), stream.Clock, false, [], [], []) { NotRecording = stopped };
        lastSent = clock.GetTimestamp();
        observers.Notify(o => o.OnFrame(word));
    }

    public void Stop()
    {
        timer?.Dispose();
        timer = null;
        heartbeat?.Dispose();
        heartbeat = null;
        unrecorded.Clear();
    }

    private void Schedule(IncidentStream stream)
    {
        if (observers.Count == 0 || !coalescer.HasChanges)
        {
            return;
        }

        var wait = pacer.Wait();
        if (!coalescer.Prompt && wait < pacing.ClockOnlyDelay)
        {
            wait = pacing.ClockOnlyDelay;
        }

        if (wait <= TimeSpan.Zero)
        {
            Publish(stream);
            return;
        }

        var due = clock.GetTimestamp() + (long)(wait.TotalSeconds * clock.TimestampFrequency);
        if (timer is not null && timerDue <= due)
        {
            return;
        }

        // Frames interleave with a batch waiting on the recording: they only read the fold.
        timer?.Dispose();
        timerDue = due;
        timer = grain.RegisterGrainTimer(() =>
        {
            timer?.Dispose();
            timer = null;
            Publish(stream);
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    private void Publish(IncidentStream stream)
    {
        timer?.Dispose();
        timer = null;
        if (!stream.Exists)
        {
            return;
        }

        var frame = coalescer.Take(incidentId, stream.Projection, LastRecorded(stream), HeldBack());
        if (frame is not null)
        {
            // Only a frame that goes out counts against the pace: a tick that changed nothing must not use it up.
            pacer.Sent();
            lastSent = clock.GetTimestamp();
            observers.Notify(o => o.OnFrame(frame));
        }
    }

    /// <summary>The sequence up to which every event folded is recorded: a batch's events are numbered without gaps.</summary>
    public long LastRecorded(IncidentStream stream) =>
        unrecorded.TryPeek(out var next) ? next.Last - next.Events.Count : stream.LastSequence;

    private HashSet<string>? HeldBack()
    {
        if (unrecorded.Count == 0)
        {
            return null;
        }

        var units = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, events) in unrecorded)
        {
            foreach (var e in events)
            {
                if (e is PositionAccepted accepted)
                {
                    units.Add(accepted.Report.UnitId);
                }
            }
        }

        return units;
    }
}
