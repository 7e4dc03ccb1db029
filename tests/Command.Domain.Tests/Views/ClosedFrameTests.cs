using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Tests.Assessment;
using Command.Domain.Views;

namespace Command.Domain.Tests.Views;

/// <summary>
/// The whole picture of a closed incident says when, by whom and why it was closed, so a page opened after the close (or
/// a replay sought past it) shows it closed; nobody is judged after the close, on a drill's clock or any other.
/// </summary>
public sealed class ClosedFrameTests
{
    [Fact]
    public void A_full_frame_after_the_close_carries_it_and_no_drill_clock_and_so_does_one_restored_from_a_snapshot()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 100);
        drill.Enrol("p1");
        drill.Feed(new DrillControlled(DrillControlled.Clock, "outside", "ctl", Speed: 4));
        Assert.NotNull(FrameCoalescer.Full("inc", drill.Projection, drill.Projection.LastSequence).DrillClock);
        Assert.Null(FrameCoalescer.Full("inc", drill.Projection, drill.Projection.LastSequence).Closed);

        drill.Wait(TimeSpan.FromSeconds(30));
        drill.Feed(new IncidentClosed("exercise finished, units released", "cmdr"));
        var closedAt = drill.Now;

        var full = FrameCoalescer.Full("inc", drill.Projection, drill.Projection.LastSequence);
        var restored = new IncidentStream();
        restored.Restore(drill.Projection.Snapshot());
        var again = FrameCoalescer.Full("inc", restored.Projection, restored.LastSequence);

        Assert.Equal(("cmdr", "exercise finished, units released", closedAt), (full.Closed!.Actor, full.Closed.Reason, full.Closed.Time));
        Assert.Null(full.DrillClock);
        Assert.Equal(full.Closed, again.Closed);
        Assert.Null(again.DrillClock);
    }
}
