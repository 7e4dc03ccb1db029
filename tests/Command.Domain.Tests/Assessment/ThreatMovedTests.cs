using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;

namespace Command.Domain.Tests.Assessment;

/// <summary>A threat moved (dragged by a commander, or its marker moved) moves nobody: where a holding unit held is where it stands.</summary>
public sealed class ThreatMovedTests
{
    /// <summary>Threat T1 at the origin; contact unit u1 holds 92 m south of it, reporting every 5 s, until it is alerted.</summary>
    private static Drill HeldAndAlerted()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", Drill.Noisy(Drill.Still(0, -92), 3, 0, seed: 5), cadence: 5);
        drill.Run(150);
        Assert.Equal(FlagLevel.Alert, drill.Assess("u1").Flag);
        return drill;
    }

    [Fact]
    public void A_threat_moved_away_from_a_holding_unit_does_not_read_as_the_unit_walking_back()
    {
        var drill = HeldAndAlerted();

        drill.Threat("T1", 0, 100);
        drill.Run(60);

        var u1 = drill.Assess("u1");
        Assert.Equal((MotionState.Holding, FlagLevel.Alert), (u1.State, u1.Flag));
        Assert.Matches("^holding 3 min at 19[0-4] m from the threat; no backup", u1.FlagReason);
        Assert.DoesNotContain("further out", u1.FlagReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_threat_moved_toward_a_holding_unit_is_no_progress_of_its_own()
    {
        var drill = HeldAndAlerted();

        drill.Threat("T1", 0, -60);
        drill.Run(60);

        Assert.DoesNotContain(drill.Derived, e => e is FlagCleared { Subject: "u1" });
        var u1 = drill.Assess("u1");
        Assert.Equal((MotionState.Holding, FlagLevel.Alert), (u1.State, u1.Flag));
        Assert.Matches("^holding 3 min at 3[0-4] m from the threat; no backup", u1.FlagReason);
    }
}
