using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Domain.Tests.AfterAction;

/// <summary>
/// Two hosts, A and B. The TAK Server that host A connects to for the cluster is found unreachable at 15:02:20 (recorded
/// at 15:02:30) and heard again at 15:06:00. ALPHA 1 and ALPHA 2 reported through it: ALPHA 1 is heard again at
/// 15:06:05, ALPHA 2 never. Host A's OsmAnd endpoint refuses part of what comes 15:03:00–15:04:00: ECHO 6's phone sent to
/// it and went unheard 15:02:45–15:05:30; ECHO 5's phone sent to host B's endpoint and went unheard just as long, on its
/// own. JULIET 1 reports through the JSON API, which is no listener, and goes unheard too.
/// </summary>
public sealed class SourceOutageSilenceTests
{
    private const string HostA = "10.0.0.5:11111";
    private const string HostB = "10.0.0.6:11111";
    private const string TakServer = "Ingest:Cot:TakServer";
    private const string OsmAnd = "Ingest:OsmAnd";
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly LocalFrame Frame = new(new GeoPoint(39.74, -104.99));

    private static DateTimeOffset S(double seconds) => T0.AddSeconds(seconds);

    private static AfterActionReport Report(bool named = true)
    {
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", new Site("School", Frame.Origin, [], []), true, "cmd") { Time = S(0) });
        fold.Apply(new ThreatSet(new Threat("T1", Frame.Origin, 5, ThreatPhase.Active), "cmd") { Time = S(0) });
        foreach (var (unit, callsign) in new[] { ("A1", "ALPHA 1"), ("A2", "ALPHA 2"), ("E5", "ECHO 5"), ("E6", "ECHO 6"), ("J1", "JULIET 1") })
        {
            fold.Apply(new UnitEnrolled(unit, callsign, UnitRole.Contact, "cmd") { Time = S(0) });
        }

        for (var second = 5; second <= 600; second += 5)
        {
            switch (second)
            {
                case 150:
                    fold.Apply(new SourceChanged(TakServer, "TAK Server at 10.0.0.9:8089", Down: true, "Connection refused", HostA, S(140)) { Time = S(150) });
                    break;
                case 180:
                    fold.Apply(new SourceChanged($"{OsmAnd}@{HostA}", "OsmAnd (Traccar Client) over HTTP on port 5055", Down: true, "10.1.2.3 sends faster than its rate limit", HostA, S(180), Throttled: true) { Time = S(180) });
                    break;
                case 240:
                    fold.Apply(new SourceChanged($"{OsmAnd}@{HostA}", "OsmAnd (Traccar Client) over HTTP on port 5055", Down: false, null, HostA) { Time = S(240) });
                    break;
                case 360:
                    fold.Apply(new SourceChanged(TakServer, "TAK Server at 10.0.0.9:8089", Down: false, null, HostA) { Time = S(360) });
                    break;
            }

            if (second < 140 || second > 365)
            {
                fold.Apply(Fix("A1", second, 100, HostA, TakServer, named));
            }

            if (second < 140)
            {
                fold.Apply(Fix("A2", second, 200, HostA, TakServer, named));
            }

            if (second < 170 || second >= 330)
            {
                fold.Apply(Fix("E5", second, 40, HostB, OsmAnd, named));
                fold.Apply(Fix("E6", second, 60, HostA, OsmAnd, named));
                fold.Apply(Fix("J1", second, 80, HostA, null, named));
            }
        }

        return fold.Build();
    }

    private static PositionAccepted Fix(string unit, double seconds, double east, string host, string? via, bool named) =>
        new(new PositionReport(unit, ReportSource.CoT, S(seconds), Frame.ToGeo(new LocalPoint(east, 0)), AccuracyM: 5,
            ReceivedBy: named ? host : null, Via: named ? via : null)) { Time = S(seconds) };

    private static string Silent(AfterActionReport report, string unit) =>
        Assert.Single(report.Activity, a => a is { Kind: "silent" } && a.UnitId == unit).Text;

    [Fact]
    public void A_units_silence_says_that_the_source_it_reported_through_was_down_and_the_source_names_who_went_unheard_with_it()
    {
        var report = Report();

        Assert.Equal(
            "Not heard for 3:55 after its report 100 m from the threat: no report of it was taken until 15:06:10 UTC; "
            + "nothing was heard from TAK Server at 10.0.0.9:8089, which it reported through, 15:02:20–15:06:00 UTC",
            Silent(report, "A1"));
        Assert.Equal(
            "Last heard 200 m from the threat: not heard again in the 7:45 to the end of the record; "
            + "nothing was heard from TAK Server at 10.0.0.9:8089, which it reported through, 15:02:20–15:06:00 UTC",
            Silent(report, "A2"));
        Assert.Equal(
            "last heard 15:02:15, 200 m from the threat, with TAK Server at 10.0.0.9:8089 down 15:02:20–15:06:00; silent for the last 7:45",
            report.Units.Single(u => u.UnitId == "A2").Silent!.Row(new SiteClock(null)));

        // Its row says it too, as it says a host's going: ALPHA 1 was heard again.
        Assert.Equal(
            "74, every 5 s; unheard 3:55 from 15:02:15, while TAK Server at 10.0.0.9:8089 was down",
            AfterActionWords.Reports(report.Units.Single(u => u.UnitId == "A1"), new SiteClock(null)));

        const string down = "Nothing heard from TAK Server at 10.0.0.9:8089: Connection refused (said by host 10.0.0.5:11111); "
            + "2 units that reported through it unheard 15:02:15–15:06:10 UTC (3:55): ALPHA 1 (A1), ALPHA 2 (A2); not heard again: ALPHA 2 (A2)";
        Assert.Equal([down], report.Timeline.Where(m => m.Kind == "source-down").Select(m => m.Text));
        Assert.Equal([down], report.Activity.Where(a => a is { Kind: "source-down", UnitId: null }).Select(a => a.Text));
    }

    [Fact]
    public void A_listener_refusing_part_of_what_came_is_said_only_for_the_units_whose_reports_its_host_took_in()
    {
        var report = Report();

        Assert.EndsWith(
            "no report of it was taken until 15:05:30 UTC; part of what came through OsmAnd (Traccar Client) over HTTP on port 5055, which it reported through, was refused 15:03:00–15:04:00 UTC",
            Silent(report, "E6"));
        // Host B's endpoint was not throttled, and the JSON API is no source that goes down.
        Assert.EndsWith("no report of it was taken until 15:05:30 UTC", Silent(report, "E5"));
        Assert.EndsWith("no report of it was taken until 15:05:30 UTC", Silent(report, "J1"));
        Assert.EndsWith("unheard 2:45 from 15:02:45, while part of what came through OsmAnd (Traccar Client) over HTTP on port 5055 was refused",
            AfterActionWords.Reports(report.Units.Single(u => u.UnitId == "E6"), new SiteClock(null)));
        Assert.EndsWith("unheard 2:45 from 15:02:45", AfterActionWords.Reports(report.Units.Single(u => u.UnitId == "E5"), new SiteClock(null)));
        Assert.EndsWith(
            "(said by host 10.0.0.5:11111); 1 unit that reported through it unheard 15:02:45–15:05:30 UTC (2:45): ECHO 6 (E6)",
            Assert.Single(report.Timeline, m => m.Kind == "source-throttled").Text);
    }

    [Fact]
    public void A_session_recorded_before_sources_were_named_says_no_unit_went_unheard_with_one()
    {
        var report = Report(named: false);

        Assert.EndsWith("no report of it was taken until 15:06:10 UTC", Silent(report, "A1"));
        Assert.EndsWith("unheard 3:55 from 15:02:15", AfterActionWords.Reports(report.Units.Single(u => u.UnitId == "A1"), new SiteClock(null)));
        Assert.Null(report.Units.Single(u => u.UnitId == "A2").Silent!.SourceDown);
        Assert.Equal(
            ["Nothing heard from TAK Server at 10.0.0.9:8089: Connection refused (said by host 10.0.0.5:11111)"],
            report.Timeline.Where(m => m.Kind == "source-down").Select(m => m.Text));
    }

    [Fact]
    public void A_source_is_the_one_a_report_came_through_by_its_section_or_its_section_at_the_host_that_took_it_in()
    {
        var phone = new TakenIn(HostA, OsmAnd);

        Assert.True(phone.Through($"{OsmAnd}@{HostA}"));
        Assert.True(new TakenIn(HostA, TakServer).Through(TakServer));
        Assert.False(phone.Through($"{OsmAnd}@{HostB}"));
        Assert.False(phone.Through("Ingest:OsmAnd:Other@10.0.0.5:11111"));
        Assert.False(new TakenIn(HostA, null).Through($"{OsmAnd}@{HostA}"));
        Assert.False(new TakenIn(null, OsmAnd).Through($"{OsmAnd}@{HostA}"));
    }
}
