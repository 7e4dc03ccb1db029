using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Views;

namespace Command.Grains.Incidents;

/// <summary>
/// Observers and frames: coalesce changes and publish at most one frame per interval. A change after a quiet
/// spell goes out at once; changes within an interval of the last frame wait for the next one. What only the
/// clock brought about (ageing, staleness, a hold running past its grace) waits a little longer for a frame that
/// is going out anyway, so the frames stay in step with the reports instead of being pushed out of step by every tick.
/// </summary>
public sealed partial class IncidentGrain
{
    private readonly HashSet<string> dirtyUnits = new(StringComparer.Ordinal);
    private readonly UnitChangeTracker sent = new();
    private readonly List<IncidentEvent> pendingEvents = [];
    private IGrainTimer? frameTimer;
    private long frameTimerDue;
    private FramePacer? pacer;
    private bool urgent;
    private bool threatsChanged;
    private bool allDirty;

    public Task Subscribe(IIncidentObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IIncidentObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<IncidentFrame> GetSnapshot()
    {
        var units = projection.AssessAll().ToImmutableArray();
        return Task.FromResult(new IncidentFrame(IncidentId, projection.LastSequence, projection.Clock, true, units, [.. projection.Threats.Values], []));
    }

    /// <summary>Notes what an event changed, for the next frame; a prompt change wants that frame as soon as the pace allows.</summary>
    private void Notice(IncidentEvent e, bool prompt)
    {
        switch (e)
        {
            case PositionAccepted accepted:
                dirtyUnits.Add(accepted.Report.UnitId);
                break;
            case ClockTicked:
                allDirty = true;
                break;
            case ThreatSet or ThreatPhaseChanged:
                threatsChanged = true;
                allDirty = true;
                pendingEvents.Add(e);
                break;
            case var notable when NotableEvents.IsNotable(notable):
                allDirty = true;
                pendingEvents.Add(e);
                break;
            default:
                return;
        }

        urgent |= prompt;
    }

    private bool HasChanges => dirtyUnits.Count > 0 || allDirty || pendingEvents.Count > 0 || threatsChanged;

    /// <summary>
    /// Publishes what changed now if the pace allows, or sets the timer for when it will: as soon as the pace
    /// allows, or for changes only the clock made, a while later.
    /// </summary>
    private void FrameSoon()
    {
        if (!timersStarted || !HasChanges)
        {
            return;
        }

        pacer ??= new FramePacer(pacing, options.FrameInterval, options.FrameSlack);
        var wait = pacer.Wait();
        if (!urgent && wait < options.ClockOnlyFrameDelay)
        {
            wait = options.ClockOnlyFrameDelay;
        }

        if (wait <= TimeSpan.Zero)
        {
            PublishFrame();
            return;
        }

        var now = pacing.GetTimestamp();
        var due = now + Ticks(wait);
        if (frameTimer is not null && frameTimerDue <= due)
        {
            return;
        }

        // Frames interleave with a batch waiting on the recording: they only read the fold, and a commander should
        // not wait on a disk flush to see a unit move.
        frameTimer?.Dispose();
        frameTimerDue = due;
        frameTimer = this.RegisterGrainTimer(OnFrameDue, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * pacing.TimestampFrequency);

    private Task OnFrameDue()
    {
        frameTimer?.Dispose();
        frameTimer = null;
        PublishFrame();
        return Task.CompletedTask;
    }

    private void PublishFrame()
    {
        if (!projection.IsOpen || !HasChanges)
        {
            return;
        }

        frameTimer?.Dispose();
        frameTimer = null;
        urgent = false;

        var candidates = allDirty ? projection.AssessAll() : projection.Assess(dirtyUnits);
        var frame = new IncidentFrame(IncidentId, projection.LastSequence, projection.Clock, false, [.. sent.Changed(candidates)],
            threatsChanged ? [.. projection.Threats.Values] : [], [.. pendingEvents]);
        dirtyUnits.Clear();
        pendingEvents.Clear();
        allDirty = false;
        threatsChanged = false;
        if (frame.Units.Length > 0 || frame.Threats.Length > 0 || frame.Events.Length > 0)
        {
            // Only a frame that goes out counts against the pace: a tick that changed nothing must not use it up.
            pacer?.Sent();
            observers.Notify(o => o.OnFrame(frame));
        }
    }
}
