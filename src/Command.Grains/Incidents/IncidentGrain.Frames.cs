using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Views;

namespace Command.Grains.Incidents;

/// <summary>
/// Observers and frames: coalesce changes and publish at most one frame per interval. A change after a quiet
/// spell goes out at once; changes within an interval of the last frame wait for the next one.
/// </summary>
public sealed partial class IncidentGrain
{
    private readonly HashSet<string> dirtyUnits = new(StringComparer.Ordinal);
    private readonly UnitChangeTracker sent = new();
    private readonly List<IncidentEvent> pendingEvents = [];
    private IGrainTimer? frameTimer;
    private long lastFrameAt;
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

    /// <summary>Notes what an event changed, for the next frame.</summary>
    private void Notice(IncidentEvent e)
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
        }
    }

    private bool HasChanges => dirtyUnits.Count > 0 || allDirty || pendingEvents.Count > 0 || threatsChanged;

    /// <summary>Publishes what changed now if the last frame is an interval old, or sets the timer for when it will be.</summary>
    private void FrameSoon()
    {
        if (!timersStarted || frameTimer is not null || !HasChanges)
        {
            return;
        }

        var wait = options.FrameInterval - pacing.GetElapsedTime(lastFrameAt);
        if (wait <= TimeSpan.Zero)
        {
            PublishFrame();
            return;
        }

        // Frames interleave with a batch waiting on the recording: they only read the fold, and a commander should
        // not wait on a disk flush to see a unit move.
        frameTimer = this.RegisterGrainTimer(OnFrameDue, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

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

        lastFrameAt = pacing.GetTimestamp();

        var candidates = allDirty ? projection.AssessAll() : projection.Assess(dirtyUnits);
        var frame = new IncidentFrame(IncidentId, projection.LastSequence, projection.Clock, false, [.. sent.Changed(candidates)],
            threatsChanged ? [.. projection.Threats.Values] : [], [.. pendingEvents]);
        dirtyUnits.Clear();
        pendingEvents.Clear();
        allDirty = false;
        threatsChanged = false;
        if (frame.Units.Length > 0 || frame.Threats.Length > 0 || frame.Events.Length > 0)
        {
            observers.Notify(o => o.OnFrame(frame));
        }
    }
}
