using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;

namespace Command.Domain.Tests.Assessment;

public sealed class StatedStaleTests
{
    /// <summary>
    /// An officer's ATAK phone relayed by a TAK server, at its default dynamic rate: walking in at 1.4 m/s it reports
    /// every 18 s and says each fix stands for 51 s; stopped 150 m out at 110 s, it reports once more when that runs low
    /// (42 s on, at 150 s) and then every 180 s, saying each fix stands for 375 s. Each report states the phone's speed
    /// unless <paramref name="statesSpeed"/> is false. Returns the seconds it was shown stale.
    /// </summary>
    private static List<int> RelayedOfficerHolding(Drill drill, int seconds, bool statesSpeed = true)
    {
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        var shownStale = new List<int>();
        var stopAt = 110;
        int? lastReport = null;
        for (var second = 0; second <= seconds; second++)
        {
            var walking = second < stopAt;
            var due = lastReport is not { } last || (walking ? second - last >= 18 : second - last >= 42 && (last < stopAt || second - last >= 180));
            if (due)
            {
                var east = 300 - (1.4 * Math.Min(second, stopAt));
                drill.Fix("u1", new LocalPoint(east, 0), accuracyM: 5, standsFor: TimeSpan.FromSeconds(walking ? 51 : 375),
                    speedMps: statesSpeed ? walking ? 1.4 : 0.05 : null);
                lastReport = second;
            }

            drill.Run(1);
            if (drill.Assess("u1").State == MotionState.Stale)
            {
                shownStale.Add(second);
            }
        }

        return shownStale;
    }

    /// <summary>What a report says: where the unit is, how long its fix stands, and its speed.</summary>
    private readonly record struct Said(LocalPoint At, int StandsS, double SpeedMps);

    /// <summary>Threat T1 at the origin and contact unit u1, reporting what <paramref name="said"/> gives at each second that has a report, for <paramref name="seconds"/>.</summary>
    private static Drill Played(int seconds, Func<int, Said?> said)
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        for (var second = 0; second <= seconds; second++)
        {
            if (said(second) is { } report)
            {
                drill.Fix("u1", report.At, accuracyM: 5, standsFor: TimeSpan.FromSeconds(report.StandsS), speedMps: report.SpeedMps);
            }

            drill.Run(1);
        }

        return drill;
    }

    [Fact]
    public void A_flagged_unit_whose_last_report_stands_for_a_day_but_never_said_it_moved_is_said_to_be_unheard_not_holding_35_s()
    {
        // A TAK gateway stamps each report to stand for a day; the device says 0 m/s throughout, 80 m out, every 5 s for
        // 40 s, and then nothing. Its fix stands (up to ten minutes), but a device that never said it moved is not taken at
        // its word that it stands still: its hold stopped counting at its last report, and the board says why.
        var drill = Played(400, second => second <= 40 && second % 5 == 0 ? new Said(new LocalPoint(80, 0), 86_400, 0) : null);

        var u1 = drill.Assess("u1");
        Assert.Equal((MotionState.Holding, FlagLevel.Watch), (u1.State, u1.Flag));
        Assert.EndsWith("; not heard for 6 min: its last report said it stands, but how long it has held since is not known", u1.FlagReason);

        // Still reporting, it is not said to be unheard.
        var heard = Played(400, second => second % 5 == 0 ? new Said(new LocalPoint(80, 0), 86_400, 0) : null);
        Assert.DoesNotContain("not heard", heard.Assess("u1").FlagReason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_officer_whose_phone_reports_every_three_minutes_standing_still_and_says_so_is_not_shown_stale_and_is_alerted()
    {
        var drill = new Drill();

        var shownStale = RelayedOfficerHolding(drill, 720);

        Assert.Empty(shownStale);
        var u1 = drill.Assess("u1");
        Assert.Equal(MotionState.Holding, u1.State);
        Assert.Equal(FlagLevel.Alert, u1.Flag);
        Assert.StartsWith("holding 10 min at 146 m from the threat", u1.FlagReason);
    }

    [Fact]
    public void An_officer_silent_longer_than_his_cadence_has_no_closing_rate_shown_until_he_reports()
    {
        var walking = new Drill();
        RelayedOfficerHolding(walking, 100);
        var holding = new Drill();
        RelayedOfficerHolding(holding, 205);

        // Walking in, his rate is shown. At 205 s his last report (150 s) is older than three of his 18 s intervals:
        // the rate his walk in left in his last 30 s of fixes is no longer what he is doing.
        Assert.Equal(1.4, walking.Assess("u1").ClosingRateMps!.Value, 1);
        var shown = holding.Assess("u1");
        Assert.Equal(MotionState.Holding, shown.State);
        Assert.Null(shown.ClosingRateMps);
        Assert.Null(shown.EtaS);
    }

    [Fact]
    public void With_what_reports_say_ignored_the_same_officer_is_shown_stale_between_his_reports()
    {
        // Learned from his walk in, his cadence is 18 s: three of them without a report and he is stale, for two of
        // every three minutes he holds.
        var drill = new Drill(new AssessmentOptions { LongestStatedStale = TimeSpan.Zero });

        var shownStale = RelayedOfficerHolding(drill, 720);

        Assert.Contains(300, shownStale);
        Assert.Contains(500, shownStale);
    }

    [Fact]
    public void An_officer_whose_phone_said_he_stands_still_is_flagged_once_its_silence_bears_it_out()
    {
        var drill = new Drill();

        RelayedOfficerHolding(drill, 240);

        // Its report at 150 s said 0.05 m/s; 45 s without another (it would have sent one within 20 s had he walked
        // on) is the hold, from that report on. His fixes alone showed it at 510 s, on the third report from the hold.
        var flags = drill.Derived.Where(e => e is FlagRaised or FlagEscalated).Select(e => e with { Sequence = 0 }).ToList();
        Assert.Equal(
            [
                new FlagRaised("u1", FlagLevel.Watch, "not-closing", "holding 45 s at 146 m from the threat (its device says it stands still); no backup reporting") { Time = Drill.Start.AddSeconds(195) },
                new FlagEscalated("u1", FlagLevel.Alert, "not-closing", "holding 60 s at 146 m from the threat (its device says it stands still); no backup reporting") { Time = Drill.Start.AddSeconds(210) },
            ],
            flags);
    }

    [Fact]
    public void An_officer_whose_phone_reports_over_the_mesh_every_30_s_standing_still_is_flagged_on_its_second_still_report()
    {
        // ATAK over the mesh at its default dynamic rate: walking in at 1.4 m/s it reports every 5 s and says each fix
        // stands for 20 s; stopped 60 m out at 100 s, outside any building, it reports when that runs low (10 s after its
        // last report) and then every 30 s, saying 0 m/s and that each fix stands for 75 s. Its still reports never left
        // 45 s of silence, and 30 s between them was a silence longer than its cadence walking in allowed: it was flagged
        // only on its fixes, straight to an alert a minute after its first still report ("holding 70 s at 60 m from the
        // threat; no backup reporting"). Its hold counts from its last report that showed progress, as any hold does.
        var drill = Played(240, second => second switch
        {
            <= 95 when second % 5 == 0 => new Said(new LocalPoint(200 - (1.4 * second), 0), 20, 1.4),
            >= 105 when (second - 105) % 30 == 0 => new Said(new LocalPoint(60, 0), 75, 0),
            _ => null,
        });

        var flags = drill.Derived.Where(e => e is FlagRaised or FlagEscalated).Select(e => e with { Sequence = 0 }).ToList();
        Assert.Equal(
            [
                new FlagRaised("u1", FlagLevel.Watch, "not-closing", "holding 45 s at 60 m from the threat (its device says it stands still); no backup reporting") { Time = Drill.Start.AddSeconds(135) },
                new FlagEscalated("u1", FlagLevel.Alert, "not-closing", "holding 60 s at 60 m from the threat (its device says it stands still); no backup reporting") { Time = Drill.Start.AddSeconds(150) },
            ],
            flags);
    }

    [Fact]
    public void Without_a_stated_speed_the_same_officer_is_flagged_on_his_fixes_alone()
    {
        var drill = new Drill();

        RelayedOfficerHolding(drill, 600, statesSpeed: false);

        var raised = Assert.Single(drill.Derived.OfType<FlagRaised>());
        Assert.True(raised.Time >= Drill.Start.AddSeconds(330), $"raised at {raised.Time:HH:mm:ss}");
    }

    [Fact]
    public void A_phone_that_never_says_it_moves_is_judged_on_its_fixes_alone()
    {
        // ATAK on a phone that measures no speed reports at its still rate, every 180 s, whatever the officer does, and
        // says 0.0 each time. Walking in at 1.4 m/s he is no hold between his reports.
        var drill = Played(540, second => second % 180 == 0 ? new Said(new LocalPoint(800 - (1.4 * second), 0), 375, 0) : null);

        Assert.Empty(drill.Derived.OfType<FlagRaised>());
    }

    [Fact]
    public void A_pause_at_a_door_that_a_report_catches_is_no_hold_once_the_unit_reports_walking_on()
    {
        // Walking in from 300 m, its report at 90 s caught it standing at a door for a few seconds; it walked on and
        // reported 19 s later, as ATAK does at a walk. Even with that report lost, the next came within 45 s.
        int[] reports = [0, 18, 36, 54, 72, 90, 128, 147, 166, 185];
        var drill = Played(200, second => !reports.Contains(second) ? null
            : new Said(new LocalPoint(300 - (1.4 * Math.Min(second, 90)) - (1.4 * Math.Max(0, second - 95)), 0), second == 90 ? 375 : 51, second == 90 ? 0 : 1.4));

        Assert.Empty(drill.Derived.OfType<FlagRaised>());
    }

    [Fact]
    public void One_stray_fix_after_minutes_in_contact_is_no_fall_back()
    {
        // In contact and standing still, the phone reports every 180 s and says so; its first report after three
        // minutes strays 37 m. That says nothing of when, or whether, the officer left: no "fell back 3 min ago", and
        // no hold on its word that it stands there.
        int[] walking = [0, 18, 36, 54, 72, 90];
        var drill = Played(560, second =>
            walking.Contains(second) ? new Said(new LocalPoint(Math.Max(3, 120 - (1.4 * second)), 0), 51, 1.4)
            : second is 131 or 311 or 491 ? new Said(new LocalPoint(second == 311 ? 35 : 3, second == 311 ? 12 : 0), 375, 0)
            : null);

        Assert.Empty(drill.Derived.OfType<FlagRaised>());
        Assert.Equal(MotionState.Arrived, drill.Assess("u1").State);
    }

    [Fact]
    public void A_fix_said_to_stand_for_hours_stands_only_as_long_as_the_longest_stated_stale()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Fix("u1", new LocalPoint(200, 0), standsFor: TimeSpan.FromHours(2));

        drill.Run(600);
        Assert.NotEqual(MotionState.Stale, drill.Assess("u1").State);
        drill.Run(1);
        Assert.Equal(MotionState.Stale, drill.Assess("u1").State);
    }

    [Fact]
    public void What_a_report_said_outlives_a_snapshot()
    {
        // A report on the move, then one 200 m out that says the unit stands still and that its fix stands 300 s (one
        // such report: two, 10 s apart, are a hold on the speed they say at once); a host restores the incident from a
        // snapshot taken 30 s after it.
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Fix("u1", new LocalPoint(214, 0), standsFor: TimeSpan.FromSeconds(51), speedMps: 1.4);
        drill.Run(10);
        drill.Fix("u1", new LocalPoint(200, 0), standsFor: TimeSpan.FromSeconds(300), speedMps: 0);
        drill.Run(30);

        var restored = drill.Restarted();

        restored.Tick(Drill.Start.AddSeconds(54), []);
        Assert.NotEqual(MotionState.Holding, restored.Projection.Assess("u1")?.State);
        restored.Tick(Drill.Start.AddSeconds(55), []);
        Assert.Equal(MotionState.Holding, restored.Projection.Assess("u1")?.State);
        restored.Tick(Drill.Start.AddSeconds(309), []);
        Assert.Equal(MotionState.Holding, restored.Projection.Assess("u1")?.State);
        restored.Tick(Drill.Start.AddSeconds(311), []);
        Assert.Equal(MotionState.Stale, restored.Projection.Assess("u1")?.State);
    }
}
