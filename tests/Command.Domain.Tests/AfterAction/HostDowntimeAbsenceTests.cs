using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Domain.Tests.AfterAction;

/// <summary>
/// ALPHA 1 reports every 5 s. Its incident's host is stopped at 15:01:40 and started again at 15:05:52; the incident
/// carries on from its recording (recorded as resumed, stamped where it stopped). Nobody recorded the 4:12 between: as a
/// flagged hold across it counts only what was recorded, so do its time out of contact and its hold while flags were
/// suppressed, and the log says the gap beside them rather than count it as time ALPHA 1 was seen away or holding.
/// </summary>
public sealed class HostDowntimeAbsenceTests
{
    private const string Host = "127.0.0.1:11811";
    private const string Gap = "not counting a recording gap of 4:12 (the incident was not running 15:01:40–15:05:52 UTC (4:12): its host 127.0.0.1:11811 stopped or restarted)";
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly LocalFrame Frame = new(new GeoPoint(39.74, -104.99));

    private static DateTimeOffset S(double seconds) => T0.AddSeconds(seconds);

    // The threat's building, 64 m square about it.
    private static readonly Site School = new("School", Frame.Origin, [new Building("B1", "Main", [At(-32, -32), At(32, -32), At(32, 32), At(-32, 32)])], []);

    private static GeoPoint At(double east, double north) => Frame.ToGeo(new LocalPoint(east, north));

    // At the threat until 30 s, 90 m out from 35 s through the host's stop, back at the threat from 405 s to 450 s; on a
    // site with the threat's building where given, inside it and out of it at the same times.
    private static AfterActionReport OutOfContactAcrossTheStop(Site? site = null)
    {
        var fold = Opened(ThreatPhase.Active, site);
        for (var second = 5; second <= 450; second += 5)
        {
            if (second == 355)
            {
                fold.Apply(new IncidentResumed(Host, S(352)) { Time = S(100) });
            }

            if (second is <= 100 or >= 355)
            {
                fold.Apply(Fix(second, second is <= 30 or >= 405 ? 3 : 90));
            }
        }

        return fold.Build();
    }

    // Holding 200 m out from 30 s while its threat is contained, through the host's stop, until 330 s.
    private static AfterActionReport SuppressedHoldAcrossTheStop()
    {
        var fold = Opened(ThreatPhase.Contained);
        for (var second = 5; second <= 360; second += 5)
        {
            if (second == 315)
            {
                fold.Apply(new IncidentResumed(Host, S(312)) { Time = S(60) });
            }

            if (second is <= 60 or >= 315)
            {
                fold.Apply(Fix(second, 200));
            }

            if (second == 30)
            {
                fold.Apply(new SuppressedHoldNoted("A1", "holding 200 m out while the threat is contained") { Time = S(30) });
            }

            if (second == 330)
            {
                fold.Apply(new SuppressedHoldEnded("A1", "closing") { Time = S(330) });
            }
        }

        return fold.Build();
    }

    private static AfterActionFold Opened(ThreatPhase phase, Site? site = null)
    {
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", site ?? new Site("School", Frame.Origin, [], []), true, "cmd") { Time = S(0) });
        fold.Apply(new ThreatSet(new Threat("T1", Frame.Origin, 5, phase), "cmd") { Time = S(0) });
        fold.Apply(new UnitEnrolled("A1", "ALPHA 1", UnitRole.Contact, "cmd") { Time = S(0) });
        return fold;
    }

    private static PositionAccepted Fix(double seconds, double southM) =>
        new(new PositionReport("A1", ReportSource.OsmAnd, S(seconds), Frame.ToGeo(new LocalPoint(0, -southM)), AccuracyM: 5, ReceivedBy: Host)) { Time = S(seconds) };

    [Fact]
    public void Time_out_of_contact_across_the_hosts_downtime_counts_only_what_was_recorded()
    {
        var report = OutOfContactAcrossTheStop();

        // Out from 35 s to 405 s: 6:10, of which the host was down 4:12.
        Assert.Equal(TimeSpan.FromSeconds(370 - 252), Assert.Single(report.Units).OutOfContact);
    }

    [Fact]
    public void Back_at_the_threat_across_the_hosts_downtime_says_the_gap_it_does_not_count()
    {
        var report = OutOfContactAcrossTheStop();

        var back = Assert.Single(report.Activity, a => a is { UnitId: "A1", Kind: "contact-again" });
        Assert.Equal((S(405), $"Back at the threat (contact), after 1:58 out of contact, {Gap}"), (back.Time, back.Text));
    }

    [Fact]
    public void Back_in_the_threats_building_across_the_hosts_downtime_says_its_time_out_and_the_gap_it_does_not_count()
    {
        var report = OutOfContactAcrossTheStop(School);

        var again = Assert.Single(report.Activity, a => a is { UnitId: "A1", Kind: "entry-again" });
        Assert.Equal((S(405), $"Entered the threat's building again, after 1:58 out of it, {Gap}"), (again.Time, again.Text));
    }

    [Fact]
    public void A_hold_while_flags_were_suppressed_across_the_hosts_downtime_counts_only_what_was_recorded()
    {
        var report = SuppressedHoldAcrossTheStop();

        // Noted at 30 s, ended at 330 s: 5:00, of which the host was down 4:12.
        Assert.Equal(TimeSpan.FromSeconds(48), Assert.Single(report.Units).HeldWhileSuppressed);
    }
}
