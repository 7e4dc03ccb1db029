using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Domain.Tests.Assessment;

/// <summary>
/// A clock tick judges only what the passage of time alone can change by then: a quiet incident's ticks judge no unit
/// until one can go stale or an acknowledgement runs out. That they derive exactly what judging every unit derived is
/// held over many incidents in the evaluation tests.
/// </summary>
public sealed class ClockTickTests
{
    private static readonly DateTimeOffset Start = Drill.Start;
    private readonly LocalFrame frame = new(Drill.Origin);
    private readonly Dictionary<string, UnitEntry> units = new(StringComparer.Ordinal);
    private readonly ClosingAssessment assessment;

    public ClockTickTests()
    {
        assessment = new ClosingAssessment(AssessmentOptions.Default, frame);
        assessment.SetThreats([new Threat("T1", Drill.Origin, 0, ThreatPhase.Active)], Start);
        assessment.Evaluate(Start, units);
    }

    [Fact]
    public void A_quiet_incident_judges_no_unit_on_its_ticks_until_one_can_go_stale_and_none_once_all_are()
    {
        // One fix each, as units enrolled by a report and then silent: stale once silent for more than 15 s.
        Enrol("u1", UnitRole.Contact);
        Enrol("u2", UnitRole.Contact);
        Enrol("u3", UnitRole.Perimeter);
        Fix("u1", 0, 300, 0);
        Fix("u2", 300, 0, 2);
        Fix("u3", 0, -300, 4);
        var next = assessment.NextChange;

        var seconds = Run(5, 40);

        Assert.Equal(Start.AddSeconds(15).AddTicks(1), next);

        // Going stale changes a unit's state, so it is judged once more on the next tick, to see it settled.
        Assert.Equal([16, 17, 18, 19, 20, 21], seconds.Where(s => s.Judged > 0).Select(s => s.Second));
        Assert.All(seconds, s => Assert.True(s.Judged <= 1));
        Assert.All(assessment.AssessAll(units, Start.AddSeconds(40)), u => Assert.Equal(MotionState.Stale, u.State));
        Assert.Equal(DateTimeOffset.MaxValue, assessment.NextChange);
    }

    [Fact]
    public void A_fix_makes_its_unit_due_at_the_next_tick_and_then_when_it_can_next_go_stale()
    {
        Enrol("u1", UnitRole.Contact);
        Fix("u1", 0, 300, 0);
        Run(1, 20);

        Fix("u1", 0, 290, 21);
        var seconds = Run(22, 100);

        // Back from stale, its state changed with the fix: judged on the next tick, then not until it is stale again,
        // which its learned cadence (21 s between its fixes) puts at three cadences, 63 s, after its fix.
        Assert.Equal([22, 85, 86], seconds.Where(s => s.Judged > 0).Select(s => s.Second));
    }

    [Fact]
    public void An_acknowledgement_running_out_brings_the_flag_back_on_the_tick_it_ends_and_judges_that_unit_alone()
    {
        // A radio reporting every two minutes, holding 40 m out: silent for up to six minutes before it is stale.
        Enrol("r1", UnitRole.Contact);
        Enrol("u2", UnitRole.Perimeter);
        Fix("u2", 0, -300, 0);
        Fix("r1", 40, 0, 0);
        void Inputs(int second)
        {
            if (second % 120 == 0)
            {
                Fix("r1", 40, 0, second);
            }

            if (second == 250)
            {
                Assert.Equal(FlagLevel.Alert, assessment.FlagOn("r1")?.Level);
                assessment.Acknowledge("r1", Start.AddSeconds(250));
            }
        }

        var seconds = Run(1, 600, Inputs);

        var back = Assert.Single(seconds, s => s.Derived.Count > 0 && s.Second > 250);
        Assert.Equal(550, back.Second);
        Assert.Equal(1, back.Judged);
        var raised = Assert.IsType<FlagRaised>(Assert.Single(back.Derived));
        Assert.Equal(("r1", FlagLevel.Alert, Start.AddSeconds(550)), (raised.Subject, raised.Level, raised.Time));
        Assert.Equal(FlagLevel.Alert, assessment.FlagOn("r1")?.Level);
        Assert.Null(assessment.FlagOn("r1")?.AcknowledgedAt);
    }

    [Fact]
    public void A_unit_whose_last_reports_were_held_back_is_next_due_when_it_goes_stale_after_them()
    {
        // A phone every 2 s standing 300 m out, then three reports 60 m off its track (held back as multipath), then
        // silence: it goes stale 15 s after the last of them. Due when it could have gone stale after its last report
        // taken in (35 s), it is judged once then, found not stale, and next due when it goes stale.
        Enrol("u1", UnitRole.Contact);
        for (var second = 0; second <= 20; second += 2)
        {
            Fix("u1", 0, 300, second);
        }

        Run(21, 21);
        Fix("u1", 0, 240, 22);
        Fix("u1", 0, 240, 24);
        Fix("u1", 0, 240, 26);
        var seconds = Run(28, 45);

        Assert.Equal([36, 42, 43], seconds.Where(s => s.Judged > 0).Select(s => s.Second));
        Assert.Equal(MotionState.Stale, assessment.AssessAll(units, Start.AddSeconds(45)).Single().State);
    }

    private void Enrol(string unitId, UnitRole role)
    {
        units[unitId] = new UnitEntry(unitId, unitId, role, Start, null);
        assessment.Evaluate(Start, units);
    }

    private void Fix(string unitId, double east, double north, int second)
    {
        var at = Start.AddSeconds(second);
        var report = new PositionReport(unitId, ReportSource.Simulator, at, frame.ToGeo(new LocalPoint(east, north)), AccuracyM: 3);
        units[unitId] = units[unitId] with { LastFix = report };
        assessment.Observe(report, at, units);
    }

    // Each second's tick, as the stream folds it, then that second's inputs: how many units the tick judged, what it derived.
    private List<(int Second, long Judged, IReadOnlyList<IncidentEvent> Derived)> Run(int from, int to, Action<int>? inputs = null)
    {
        var seconds = new List<(int, long, IReadOnlyList<IncidentEvent>)>();
        for (var second = from; second <= to; second++)
        {
            var before = assessment.UnitsJudged;
            var derived = assessment.Tick(Start.AddSeconds(second), units);
            seconds.Add((second, assessment.UnitsJudged - before, derived));
            inputs?.Invoke(second);
        }

        return seconds;
    }
}
