using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Threats;

namespace Command.Domain.Tests.Assessment;

public sealed class ThreatReactivationTests
{
    [Fact]
    public void A_threat_that_goes_active_again_judges_units_from_that_moment()
    {
        // A looping drill: the unit moved away for two minutes, then the drill starts over with the threat only
        // reported and the unit back at its start, and the threat goes active again.
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", t => new LocalPoint(40 + t, 0));
        drill.Run(120);
        Assert.Equal(FlagLevel.Alert, drill.Assess("u1").Flag);

        drill.Threat("T1", 0, 0, ThreatPhase.Reported);
        drill.Move("u1", Drill.Still(200, 0));
        drill.Run(15);
        drill.Threat("T1", 0, 0);
        var activeAgain = drill.Now;
        drill.Run(25);

        var u1 = drill.Assess("u1");
        Assert.Equal(MotionState.Holding, u1.State);
        Assert.True(u1.StateSince >= activeAgain, $"holding since {u1.StateSince}, before the threat went active again at {activeAgain}");
        Assert.True(u1.HoldS <= 25, $"held {u1.HoldS} s");
        Assert.NotEqual(FlagLevel.Alert, u1.Flag);
    }

    [Fact]
    public void A_threat_that_moves_while_active_keeps_the_hold_running_also_after_a_restore()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", Drill.Still(40, 0));
        drill.Run(70);
        var before = drill.Assess("u1").StateSince;
        var restored = new Command.Domain.Incidents.IncidentProjection();
        restored.Restore(drill.Projection.Snapshot());

        var moved = new ThreatSet(new Threat("T1", drill.Geo(5, 0), 0, ThreatPhase.Active, null), "test") { Sequence = drill.Projection.LastSequence + 1, Time = drill.Now };
        drill.Feed(moved with { Sequence = 0 });
        restored.Apply(moved);

        Assert.Equal(MotionState.Holding, drill.Assess("u1").State);
        Assert.True(before < drill.Now.AddSeconds(-60), $"holding since {before}");
        Assert.Equal(before, drill.Assess("u1").StateSince);
        Assert.Equal(before, restored.Assess("u1")!.StateSince);
    }
}
