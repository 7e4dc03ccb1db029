using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Domain.Tests.AfterAction;

/// <summary>
/// Two hosts: ALPHA 1's and ALPHA 2's radios send to host A, ECHO 5's phone to host B. ECHO 5 goes quiet on its own
/// after 15:01:40; host A is killed and recorded leaving at 15:02:30, 50 s later, well within the two minutes ECHO 5 would
/// still count as heard. ALPHA 1 is not heard again; ALPHA 2 reaches host B at 15:03:20 and reports to the end.
/// </summary>
public sealed class HostDepartureTests
{
    private const string HostA = "127.0.0.1:11911";
    private const string HostB = "127.0.0.1:11921";
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly LocalFrame Frame = new(new GeoPoint(39.74, -104.99));

    private static DateTimeOffset S(double seconds) => T0.AddSeconds(seconds);

    // With named false, the reports say nothing of the host that took them in, as a session recorded before hosts were named.
    private static AfterActionReport Report(bool named)
    {
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", new Site("School", Frame.Origin, [], []), true, "cmd") { Time = S(0) });
        fold.Apply(new ThreatSet(new Threat("T1", Frame.Origin, 5, ThreatPhase.Active), "cmd") { Time = S(0) });
        foreach (var (unit, callsign) in new[] { ("A1", "ALPHA 1"), ("A2", "ALPHA 2"), ("E5", "ECHO 5") })
        {
            fold.Apply(new UnitEnrolled(unit, callsign, UnitRole.Contact, "cmd") { Time = S(0) });
        }

        for (var second = 5; second <= 500; second += 5)
        {
            if (second == 150)
            {
                fold.Apply(new HostDeparted(HostA, HostB) { Time = S(150) });
            }

            if (second <= 100)
            {
                fold.Apply(Fix("E5", second, 32, named ? HostB : null));
            }

            if (second < 150)
            {
                fold.Apply(Fix("A1", second, 200, named ? HostA : null));
            }

            if (second < 150 || second >= 200)
            {
                fold.Apply(Fix("A2", second, 150, named ? (second < 150 ? HostA : HostB) : null));
            }
        }

        return fold.Build();
    }

    private static PositionAccepted Fix(string unit, double seconds, double east, string? receivedBy) =>
        new(new PositionReport(unit, ReportSource.OsmAnd, S(seconds), Frame.ToGeo(new LocalPoint(east, 0)), AccuracyM: 5, ReceivedBy: receivedBy)) { Time = S(seconds) };

    private const string Left = "Host 127.0.0.1:11911 left the cluster: radios and trackers sending to it were not heard until they reached another host (said by host 127.0.0.1:11921)";

    [Fact]
    public void A_unit_that_reported_through_another_host_and_went_quiet_before_one_left_is_said_silent_on_its_own()
    {
        var report = Report(named: true);

        // Only the units host A took in went with it; ECHO 5's phone sent to host B.
        const string unheard = "; 2 units that reported through it unheard 15:02:25–15:03:20 UTC (0:55): ALPHA 2 (A2), ALPHA 1 (A1); not heard again: ALPHA 1 (A1)";
        Assert.Equal([Left + unheard], report.Timeline.Where(m => m.Kind == "host-left").Select(m => m.Text));
        Assert.Equal([Left + unheard], report.Activity.Where(a => a is { Kind: "host-left", UnitId: null }).Select(a => a.Text));
        Assert.Equal(
            [new FixesLost("A2", HostA, S(150), S(145), S(200)), new FixesLost("A1", HostA, S(150), S(145), null)],
            report.FixesLost!.Value);
        var clock = new SiteClock(null);
        var rows = report.Units.ToDictionary(u => u.UnitId);
        Assert.Equal("last heard 15:01:40, 32 m from the threat; silent for the last 6:40", rows["E5"].Silent!.Row(clock));
        Assert.Equal("last heard 15:02:25, 200 m from the threat, while its host 127.0.0.1:11911 was down; silent for the last 5:55", rows["A1"].Silent!.Row(clock));
        Assert.Equal(
            [(S(100), "Last heard 32 m from the threat: not heard again in the 6:40 to the end of the record")],
            report.Activity.Where(a => a is { UnitId: "E5", Kind: "silent" }).Select(a => (a.Time, a.Text)));
    }

    [Fact]
    public void A_session_recorded_before_hosts_were_named_counts_every_unit_quiet_as_a_host_left_as_gone_with_it()
    {
        var report = Report(named: false);

        // The timing alone cannot tell ECHO 5's phone from the radios host A took in.
        Assert.Equal(
            [new FixesLost("E5", HostA, S(150), S(100), null), new FixesLost("A2", HostA, S(150), S(145), S(200)), new FixesLost("A1", HostA, S(150), S(145), null)],
            report.FixesLost!.Value);
        Assert.Equal(HostA, report.Units.Single(u => u.UnitId == "E5").Silent!.Host);
    }
}
