using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;

namespace Command.Domain.Tests.Assessment;

public sealed class AcknowledgementTests
{
    private static Drill HoldingAlerted()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", Drill.Still(40, 0));
        drill.Run(100);
        drill.Feed(new FlagAcknowledged("u1", "commander", "hazard reported at the east door"));
        return drill;
    }

    [Fact]
    public void Acknowledged_flag_stays_quiet_while_the_unit_keeps_holding()
    {
        var drill = HoldingAlerted();
        var before = drill.Derived.Count();

        drill.Run(200);

        Assert.Equal(before, drill.Derived.Count());
        var u1 = drill.Assess("u1");
        Assert.Equal(FlagLevel.Alert, u1.Flag);
        Assert.True(u1.Acknowledged);
    }

    [Fact]
    public void Acknowledged_flag_returns_when_unit_starts_opening()
    {
        var drill = HoldingAlerted();
        drill.Move("u1", t => new LocalPoint(40 + (1.5 * Math.Max(0, t - 130)), 0));

        drill.Run(60);

        var back = Assert.Single(drill.Derived.OfType<FlagRaised>(), f => f.Time > Drill.Start.AddSeconds(100));
        Assert.Equal(FlagLevel.Alert, back.Level);
        Assert.StartsWith("moving away for ", back.Reason, StringComparison.Ordinal);
        var u1 = drill.Assess("u1");
        Assert.Equal(MotionState.Opening, u1.State);
        Assert.False(u1.Acknowledged);
    }

    [Fact]
    public void A_flag_acknowledged_moving_away_stays_quiet_when_the_unit_stops_and_when_it_moves_away_again()
    {
        // Stopping, or turning back toward the threat, is the unit doing better than what the commander acknowledged:
        // the flag coming back just then told them nothing new. Moving away again is what they acknowledged.
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", Drill.Still(40, 0));
        drill.Run(30);
        drill.Move("u1", t => new LocalPoint(40 + (1.5 * Math.Max(0, t - 30)), 0));
        drill.Run(60);
        Assert.Equal((MotionState.Opening, FlagLevel.Alert), (drill.Assess("u1").State, drill.Assess("u1").Flag));
        drill.Feed(new FlagAcknowledged("u1", "commander", "falling back to the east door on my order"));
        var before = drill.Derived.Count();

        drill.Move("u1", Drill.Still(130, 0));
        drill.Run(90);
        Assert.Equal((MotionState.Holding, true), (drill.Assess("u1").State, drill.Assess("u1").Acknowledged));
        drill.Move("u1", t => new LocalPoint(130 + (1.5 * Math.Max(0, t - 180)), 0));
        drill.Run(60);

        Assert.Empty(drill.Derived.Skip(before).OfType<FlagRaised>());
        var u1 = drill.Assess("u1");
        Assert.Equal((MotionState.Opening, FlagLevel.Alert, true), (u1.State, u1.Flag, u1.Acknowledged));
    }

    [Fact]
    public void Acknowledged_flag_returns_after_five_minutes_of_the_same_hold()
    {
        var drill = HoldingAlerted();

        drill.Run(310);

        var back = Assert.Single(drill.Derived.OfType<FlagRaised>(), f => f.Time > Drill.Start.AddSeconds(100));
        Assert.Equal(Drill.Start.AddSeconds(400), back.Time);
        Assert.Equal("holding 399 s at 40 m from the threat; no backup reporting", back.Reason.Replace("7 min", "399 s", StringComparison.Ordinal));
        Assert.False(drill.Assess("u1").Acknowledged);
    }

    [Fact]
    public void A_watch_that_escalates_while_acknowledged_is_recorded_quietly_and_its_words_stay_current()
    {
        // Recorded, or a restart, a replay and the report would show the hold at watch while the board showed alert;
        // quietly, for the acknowledgement keeps it from coming back. The board's words go on with the hold.
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", Drill.Still(40, 0));
        drill.Run(45);
        drill.Feed(new FlagAcknowledged("u1", "commander", "hazard reported at the east door"));

        drill.Run(150);

        var after = drill.Derived.Where(e => e.Time > Drill.Start.AddSeconds(45)).Select(e => e with { Sequence = 0 });
        Assert.Equal(
            [new FlagEscalated("u1", FlagLevel.Alert, "not-closing", "holding 60 s at 40 m from the threat; no backup reporting", Acknowledged: true) { Time = Drill.Start.AddSeconds(61) }],
            after);
        var u1 = drill.Assess("u1");
        Assert.Equal((FlagLevel.Alert, true), (u1.Flag, u1.Acknowledged));
        Assert.Equal("holding 3 min at 40 m from the threat; no backup reporting", u1.FlagReason);
    }

    [Fact]
    public void Acknowledging_a_subject_without_a_flag_changes_nothing()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", Drill.Toward(300, 0, 2));
        drill.Run(20);

        drill.Feed(new FlagAcknowledged("u1", "commander", "just checking"));
        drill.Run(20);

        Assert.Empty(drill.Derived);
        Assert.False(drill.Assess("u1").Acknowledged);
    }
}
