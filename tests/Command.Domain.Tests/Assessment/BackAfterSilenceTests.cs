using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;

namespace Command.Domain.Tests.Assessment;

/// <summary>
/// A unit unheard for minutes (its phone off, or the host its radio reached down) and heard again: what it did in the
/// silence is not known, so its hold counts from when it is heard again, not from its last fix before.
/// </summary>
public sealed class BackAfterSilenceTests
{
    /// <summary>
    /// Threat T1 at the origin; contact unit u1 walks in from 200 m east at 1.5 m/s, reporting every 6 s, for 60 s
    /// (110 m out), is unheard for 5 minutes, and is heard again where <paramref name="after"/> puts it (seconds since it was
    /// heard again), reporting every 6 s.
    /// </summary>
    private static Drill WalkedInSilentAndBack(Func<double, double> after, out DateTimeOffset back)
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", t => new LocalPoint(200 - (1.5 * t), 0), cadence: 6, accuracyM: 5);
        drill.Run(60);
        drill.Silence("u1");
        drill.Run(300);
        back = drill.Now.AddSeconds(1);
        var heardAgain = drill.Elapsed + 1;
        drill.Move("u1", t => new LocalPoint(after(t - heardAgain), 0), cadence: 6, accuracyM: 5);
        return drill;
    }

    [Fact]
    public void A_unit_heard_again_after_five_minutes_unheard_is_not_flagged_for_holding_through_the_silence()
    {
        var drill = WalkedInSilentAndBack(_ => 83, out _);

        drill.Run(6);

        var u1 = drill.Assess("u1");
        Assert.Equal(FlagLevel.None, u1.Flag);
        Assert.DoesNotContain(drill.Derived.OfType<FlagRaised>(), f => f.Subject == "u1");
    }

    [Fact]
    public void A_unit_that_holds_once_heard_again_is_flagged_for_the_hold_since_then_and_alerted_only_a_minute_into_it()
    {
        var drill = WalkedInSilentAndBack(_ => 83, out var back);

        drill.Run(150);

        var raised = drill.Derived.OfType<FlagRaised>().Where(f => f.Subject == "u1").ToList();
        var watch = Assert.Single(raised, f => f.Level == FlagLevel.Watch);
        Assert.InRange((watch.Time - back).TotalSeconds, 15, 60);
        Assert.Matches(@"^holding \d+ s at 8\d m from the threat", watch.Reason);
        var alert = drill.Derived.OfType<FlagEscalated>().Single(f => f.Subject == "u1");
        Assert.True((alert.Time - back).TotalSeconds >= 60, $"alerted {(alert.Time - back).TotalSeconds} s after it was heard again");
    }

    [Fact]
    public void A_host_restarted_just_after_the_unit_is_heard_again_still_counts_its_hold_from_then()
    {
        var drill = WalkedInSilentAndBack(_ => 83, out var back);
        drill.Run(7);

        drill.Restart();
        drill.Run(143);

        var watch = Assert.Single(drill.Derived.OfType<FlagRaised>(), f => f.Subject == "u1");
        Assert.Equal(FlagLevel.Watch, watch.Level);
        Assert.InRange((watch.Time - back).TotalSeconds, 15, 60);
    }

    [Fact]
    public void A_silence_is_no_interval_of_the_units_cadence_and_it_goes_stale_again_as_soon_as_before()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", Drill.Still(80, 0), cadence: 10, accuracyM: 5);
        drill.Run(20);
        drill.Silence("u1");
        drill.Run(900);
        drill.Fix("u1", new LocalPoint(80, 0), accuracyM: 5);
        drill.Run(1);

        Assert.Equal(10, drill.Assess("u1").CadenceS);
        drill.Run(60);
        Assert.Equal(MotionState.Stale, drill.Assess("u1").State);
    }

    [Fact]
    public void A_unit_heard_again_near_where_it_stopped_saying_it_walks_is_not_alerted_for_the_silence()
    {
        // Reports every 11-12 s walking in, the last saying it stopped at 180 m; unheard for 150 s; then 170 m and 163 m,
        // each saying it walks at 1.5 m/s.
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        foreach (var (at, speed) in new[] { (200.0, 1.5), (192, 1.5), (185, 1.5), (180, 0) })
        {
            drill.Fix("u1", new LocalPoint(at, 0), accuracyM: 5, speedMps: speed, courseDeg: 270);
            drill.Run(11);
        }

        drill.Run(139);
        drill.Fix("u1", new LocalPoint(170, 0), accuracyM: 5, speedMps: 1.5, courseDeg: 270);
        drill.Run(13);
        drill.Fix("u1", new LocalPoint(163, 0), accuracyM: 5, speedMps: 1.5, courseDeg: 270);
        drill.Run(1);

        Assert.DoesNotContain(drill.Derived.OfType<FlagRaised>(), f => f.Subject == "u1");
    }

    [Fact]
    public void A_unit_heard_once_and_again_fifteen_minutes_later_is_not_flagged_for_fifteen_minutes_on_one_report()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Fix("u1", new LocalPoint(60, 0), accuracyM: 5);
        drill.Run(900);
        drill.Fix("u1", new LocalPoint(56, 0), accuracyM: 5);
        drill.Run(1);

        Assert.DoesNotContain(drill.Derived.OfType<FlagRaised>(), f => f.Subject == "u1");
        Assert.Null(drill.Assess("u1").CadenceS);
    }

    [Fact]
    public void A_unit_heard_again_nearer_and_still_closing_is_never_flagged()
    {
        var drill = WalkedInSilentAndBack(t => Math.Max(5, 83 - (1.5 * t)), out _);

        drill.Run(90);

        Assert.DoesNotContain(drill.Derived.OfType<FlagRaised>(), f => f.Subject == "u1");
    }
}
