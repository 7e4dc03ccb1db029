using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Domain.Tests.AfterAction;

/// <summary>
/// The incident could not record from 15:02:00 to 15:04:05 (its storage away): host A had 22 reports and a commander's
/// acknowledgement refused then, and told the incident once it recorded again, at 15:04:20. ECHO 5's phone was among
/// those refused: its fixes stop at 15:01:55 and resume at 15:04:10. ALPHA 1 went quiet on its own from 15:05:00 to
/// 15:07:00, long after. The record says where the hole was and why, and ECHO 5's silence is read against it; ALPHA 1's
/// is not.
/// </summary>
public sealed class RecordingHoleTests
{
    private const string HostA = "127.0.0.1:11911";
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly LocalFrame Frame = new(new GeoPoint(39.74, -104.99));

    private static DateTimeOffset S(double seconds) => T0.AddSeconds(seconds);

    private static readonly RecordingInterrupted Hole =
        new(HostA, S(120), S(245), 22, 1, "the incident's storage did not answer (Connection refused (127.0.0.1:10000))") { Time = S(260) };

    private const string Said =
        "The incident could not record from 15:02:00 to 15:04:05 UTC: 22 reports and 1 command handed to it by host 127.0.0.1:11911 were refused and are not in this record (the incident's storage did not answer (Connection refused (127.0.0.1:10000)))";

    private static AfterActionReport Report()
    {
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", new Site("School", Frame.Origin, [], []), true, "cmd") { Time = S(0) });
        fold.Apply(new ThreatSet(new Threat("T1", Frame.Origin, 5, ThreatPhase.Active), "cmd") { Time = S(0) });
        fold.Apply(new UnitEnrolled("A1", "ALPHA 1", UnitRole.Contact, "cmd") { Time = S(0) });
        fold.Apply(new UnitEnrolled("E5", "ECHO 5", UnitRole.Contact, "cmd") { Time = S(0) });
        for (var second = 5; second <= 600; second += 5)
        {
            if (second is < 120 or >= 250)
            {
                fold.Apply(Fix("E5", second, 60));
            }

            if (second is < 300 or >= 420)
            {
                fold.Apply(Fix("A1", second, 80));
            }

            if (second == 260)
            {
                fold.Apply(Hole);
            }
        }

        return fold.Build();
    }

    private static PositionAccepted Fix(string unit, double seconds, double east) =>
        new(new PositionReport(unit, ReportSource.OsmAnd, S(seconds), Frame.ToGeo(new LocalPoint(east, 0)), AccuracyM: 5, ReceivedBy: HostA)) { Time = S(seconds) };

    [Fact]
    public void A_hole_in_the_record_is_a_key_moment_and_a_log_entry_where_it_began()
    {
        var report = Report();

        var mark = Assert.Single(report.Timeline, m => m.Kind == "recording-interrupted");
        Assert.Equal((S(120), HostA, Said), (mark.Time, mark.Subject, mark.Text));
        var logged = Assert.Single(report.Activity, a => a.Kind == "recording-interrupted");
        Assert.Equal((S(120), (string?)null, Said), (logged.Time, logged.UnitId, logged.Text));
    }

    [Fact]
    public void A_units_silence_across_the_hole_is_read_against_it_and_one_after_it_is_not()
    {
        var report = Report();

        var echo = Assert.Single(report.Activity, a => a is { UnitId: "E5", Kind: "silent" });
        Assert.Equal(
            "Not heard for 2:15 after its report 60 m from the threat: no report of it was taken until 15:04:10 UTC; the incident could not record 15:02:00–15:04:05 UTC (22 reports and 1 command refused through host 127.0.0.1:11911), so its reports then may be among those refused",
            echo.Text);
        var alpha = Assert.Single(report.Activity, a => a is { UnitId: "A1", Kind: "silent" });
        Assert.EndsWith("no report of it was taken until 15:07:00 UTC", alpha.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void What_was_refused_is_said_in_words()
    {
        Assert.Equal("1 report", (Hole with { Reports = 1, Commands = 0 }).Refused);
        Assert.Equal("2 commands", (Hole with { Reports = 0, Commands = 2 }).Refused);
        Assert.Equal(
            "The incident could not record from 15:02:00 to 15:04:05 UTC: 1 command handed to it by host 127.0.0.1:11911 was refused and is not in this record",
            (Hole with { Reports = 0, Detail = null }).Said());
    }
}
