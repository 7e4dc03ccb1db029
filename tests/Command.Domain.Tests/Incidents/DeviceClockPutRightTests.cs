using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Tests.Assessment;

namespace Command.Domain.Tests.Incidents;

/// <summary>
/// A device whose clock is off has its first reports taken as they are stamped; once the host has learned how far off
/// it is, the next are put right. The unit is judged afresh from the first report put right.
/// </summary>
public sealed class DeviceClockPutRightTests
{
    private const double SlowS = 240;

    // A phone (OsmAnd) whose clock is four minutes slow reports every 6 s: its first two reports as stamped, the rest
    // put right by the host, which learned the clock from the run of them.
    private static void Report(Drill drill, int reported, LocalPoint at, double speedMps, double courseDeg)
    {
        var putRight = reported >= 2;
        var fixTime = putRight ? drill.Now : drill.Now.AddSeconds(-SlowS);
        drill.Feed(new PositionAccepted(new PositionReport("u1", ReportSource.OsmAnd, fixTime, drill.Frame.ToGeo(at), null, 8, speedMps, courseDeg,
            ClockCorrectionS: putRight ? SlowS : null)));
    }

    [Fact]
    public void An_officer_walking_in_with_a_slow_phone_is_not_flagged_for_the_minutes_its_clock_was_behind()
    {
        // From 146 m south-west of the threat, walking at it at 1.5 m/s. Judged on the times as they came, the span from
        // his first fix (stamped four minutes back) to his first put right read as a hold: "holding 4 min", an alert on
        // his third report.
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        var reported = 0;
        for (var second = 1; second <= 90; second++)
        {
            drill.Run(1);
            if (second % 6 == 0)
            {
                var left = 146 - (1.5 * second);
                Report(drill, reported++, new LocalPoint(-left / Math.Sqrt(2), -left / Math.Sqrt(2)), 1.5, 45);
            }
        }

        Assert.DoesNotContain(drill.Derived, e => e is FlagRaised { Subject: "u1" });
        Assert.Equal(MotionState.Closing, drill.Assess("u1").State);
    }

    [Fact]
    public void An_officer_standing_with_a_slow_phone_is_flagged_for_the_hold_his_reports_put_right_show()
    {
        // He stands 150 m out. His first reports, stamped four minutes back, show him stale; from the first put right he
        // is judged afresh, and flagged once he has held past grace on the times put right: not "holding 4 min" at once.
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        var reported = 0;
        for (var second = 1; second <= 120; second++)
        {
            drill.Run(1);
            if (second % 6 == 0)
            {
                Report(drill, reported++, new LocalPoint(-150, 0), 0, 0);
            }
        }

        var raised = drill.Derived.OfType<FlagRaised>().First(e => e.Subject == "u1");
        Assert.Matches("^holding [0-9]+ s at 150 m from the threat", raised.Reason);
        Assert.InRange((raised.Time - Drill.Start).TotalSeconds, 30, 90);
    }
}
