using Command.Domain.AfterAction;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Domain.Tests.AfterAction;

/// <summary>
/// ALPHA 1 holds 200 m out and is flagged at 15:00:30. Its incident's host is stopped at 15:01:00 and started again at
/// 15:05:12; the incident carries on from its recording (recorded as resumed, stamped where it stopped), ALPHA 1 reports
/// again, still holding, and closes at 15:05:30, when its flag clears. Nobody recorded the 4:12 between: the hold the
/// report measures is the 0:48 recorded, and it says the gap beside it rather than count it as time ALPHA 1 was seen holding.
/// </summary>
public sealed class HostDowntimeHoldTests
{
    private const string Host = "127.0.0.1:11811";
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly LocalFrame Frame = new(new GeoPoint(39.74, -104.99));

    private static DateTimeOffset S(double seconds) => T0.AddSeconds(seconds);

    private static AfterActionReport Report(bool clears = true)
    {
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", new Site("School", Frame.Origin, [], []), true, "cmd") { Time = S(0) });
        fold.Apply(new ThreatSet(new Threat("T1", Frame.Origin, 5, ThreatPhase.Active), "cmd") { Time = S(0) });
        fold.Apply(new UnitEnrolled("A1", "ALPHA 1", UnitRole.Contact, "cmd") { Time = S(0) });
        for (var second = 5; second <= 60; second += 5)
        {
            fold.Apply(Fix(second));
            if (second == 30)
            {
                fold.Apply(new FlagRaised("A1", FlagLevel.Alert, "not-closing", "holding 200 m out") { Time = S(30) });
            }
        }

        fold.Apply(new IncidentResumed(Host, S(312)) { Time = S(60) });
        for (var second = 315; second <= 360; second += 5)
        {
            fold.Apply(Fix(second));
            if (second == 330 && clears)
            {
                fold.Apply(new FlagCleared("A1", "not-closing", "closing") { Time = S(330) });
            }
        }

        return fold.Build();
    }

    private static PositionAccepted Fix(double seconds) =>
        new(new PositionReport("A1", ReportSource.OsmAnd, S(seconds), Frame.ToGeo(new LocalPoint(200, 0)), AccuracyM: 5, ReceivedBy: Host)) { Time = S(seconds) };

    [Fact]
    public void A_hold_across_the_hosts_downtime_counts_only_what_was_recorded()
    {
        var report = Report();

        var unit = Assert.Single(report.Units);
        Assert.Equal(TimeSpan.FromSeconds(48), unit.LongestFlaggedHold);
        Assert.Equal(TimeSpan.FromSeconds(48), unit.TotalFlaggedHold);
        var flag = Assert.Single(report.Flags);
        Assert.Equal((S(30), (DateTimeOffset?)S(330), TimeSpan.FromSeconds(252)), (flag.Raised, flag.Cleared, flag.Unrecorded));
    }

    [Fact]
    public void The_flag_cleared_across_the_hosts_downtime_says_the_gap_it_does_not_count()
    {
        var report = Report();

        var cleared = Assert.Single(report.Activity, a => a is { UnitId: "A1", Kind: "flag-cleared" });
        Assert.Equal(
            "Flag on ALPHA 1 (A1) cleared: closing; held 0:48 as recorded, not counting a recording gap of 4:12 (the incident was not running 15:01:00–15:05:12 UTC (4:12): its host 127.0.0.1:11811 stopped or restarted)",
            cleared.Text);
    }

    [Fact]
    public void A_flag_still_up_at_the_end_across_the_hosts_downtime_counts_only_what_was_recorded()
    {
        var report = Report(clears: false);

        var flag = Assert.Single(report.Flags);
        Assert.Equal((S(30), (DateTimeOffset?)null, TimeSpan.FromSeconds(252)), (flag.Raised, flag.Cleared, flag.Unrecorded));
        Assert.Equal(TimeSpan.FromSeconds(330 - 30 - 252 + 30), Assert.Single(report.Units).LongestFlaggedHold);
    }

    [Fact]
    public void The_units_longest_gap_across_the_hosts_downtime_says_the_incident_was_not_running()
    {
        var gap = Assert.Single(Report().Units).LongestGap;

        Assert.NotNull(gap);
        Assert.Equal((S(60), S(315)), (gap.From, gap.Until));
        Assert.Equal("the incident was not running 15:01:00–15:05:12 UTC (4:12): its host 127.0.0.1:11811 stopped or restarted", gap.Cause);
    }
}
