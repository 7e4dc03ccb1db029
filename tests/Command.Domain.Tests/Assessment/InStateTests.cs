using Command.Domain.Assessment;

namespace Command.Domain.Tests.Assessment;

/// <summary>The board's time in state and a holding unit's flag count the same hold.</summary>
public sealed class InStateTests
{
    [Fact]
    public void A_holding_units_time_in_state_is_as_long_as_the_hold_its_flag_counts()
    {
        // Walks in at 1.5 m/s from 300 m, reporting every 5 s, and stops 90 m out at 140 s.
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", t => new(0, -Math.Max(90, 300 - (1.5 * t))), cadence: 5);
        drill.Run(260);

        var u1 = drill.Assess("u1");
        Assert.Equal((MotionState.Holding, FlagLevel.Alert), (u1.State, u1.Flag));
        Assert.Equal(u1.HoldS!.Value, (drill.Now - u1.StateSince!.Value).TotalSeconds, 5);
    }
}
