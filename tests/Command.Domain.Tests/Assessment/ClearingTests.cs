using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;

namespace Command.Domain.Tests.Assessment;

/// <summary>A hold raises one flag, which clears once, and only on real progress toward the threat.</summary>
public sealed class ClearingTests
{
    [Fact]
    public void Creeping_at_a_third_of_a_metre_a_second_does_not_clear_a_hold()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        // Holds 250 m out, then drifts in at 0.3 m/s for four minutes: 14 minutes from arriving.
        drill.Move("u1", t => new LocalPoint(t < 90 ? 250 : 250 - (0.3 * (t - 90)), 0), cadence: 5, accuracyM: 8);

        drill.Run(330);

        Assert.Single(drill.Derived.OfType<FlagRaised>());
        Assert.Empty(drill.Derived.OfType<FlagCleared>());
        Assert.NotEqual(FlagLevel.None, drill.Assess("u1").Flag);
    }

    [Fact]
    public void A_hold_clears_once_within_30_s_of_closing_again_at_walking_pace()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", t => new LocalPoint(t < 120 ? 200 : 200 - (1.5 * (t - 120)), 0), cadence: 5, accuracyM: 8);

        drill.Run(240);

        Assert.Single(drill.Derived.OfType<FlagRaised>());
        var cleared = Assert.Single(drill.Derived.OfType<FlagCleared>());
        Assert.InRange(cleared.Time, Drill.Start.AddSeconds(120), Drill.Start.AddSeconds(150));
        Assert.StartsWith("closing at ", cleared.Reason, StringComparison.Ordinal);
    }
}
