using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Sites;

namespace Command.Domain.Tests.Assessment;

/// <summary>A looping drill's next round: every unit is judged afresh, not against where it stood last round.</summary>
public sealed class StartOverTests
{
    [Fact]
    public void A_unit_that_reached_the_threat_last_round_and_starts_again_from_staging_is_not_flagged_for_falling_back()
    {
        // Round one: the unit walks in and stands at the threat, active from the start. The drill starts over: the unit
        // is back at staging 200 m out and sets off again 10 s later, the threat active throughout.
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", t => new LocalPoint(Math.Max(2, 200 - (1.5 * t)), 0));
        drill.Run(180);
        Assert.Equal(MotionState.Arrived, drill.Assess("u1").State);

        drill.Feed(new DrillControlled(DrillControlled.StartOver, "demo", "drill", 2));
        drill.Threat("T1", 0, 0);
        var restarted = drill.Elapsed;
        drill.Move("u1", t => new LocalPoint(t - restarted < 10 ? 200 : Math.Max(2, 200 - (1.5 * (t - restarted - 10))), 0));
        drill.Run(90);

        Assert.DoesNotContain(drill.Derived, e => e is FlagRaised);
        Assert.Equal(MotionState.Closing, drill.Assess("u1").State);
    }

    [Fact]
    public void Without_the_start_over_the_same_jump_reads_as_falling_back_from_contact()
    {
        // The case the start-over exists for: the same two rounds without it.
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", t => new LocalPoint(Math.Max(2, 200 - (1.5 * t)), 0));
        drill.Run(180);

        drill.Threat("T1", 0, 0);
        var restarted = drill.Elapsed;
        drill.Move("u1", t => new LocalPoint(t - restarted < 10 ? 200 : Math.Max(2, 200 - (1.5 * (t - restarted - 10))), 0));
        drill.Run(90);

        Assert.Contains(drill.Derived.OfType<FlagRaised>(), f => f.Subject == "u1" && f.Reason.StartsWith("fell back from contact", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_flag_up_clears_saying_the_drill_started_over_and_last_positions_are_forgotten()
    {
        var drill = new Drill(site: Drill.SiteWith([], zones: [Zone("hot", ZoneKind.Hot)]));
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Enrol("u2", UnitRole.Perimeter);
        drill.Move("u1", Drill.Still(80, 0));
        drill.Move("u2", Drill.Still(10, 10));
        drill.Run(200);
        Assert.Equal(FlagLevel.Alert, drill.Assess("u1").Flag);
        Assert.NotNull(drill.Projection.FlagOn(ClosingAssessment.ZoneSubject("hot")));

        drill.Feed(new DrillControlled(DrillControlled.StartOver, "demo", "drill", 2));

        var cleared = drill.Derived.OfType<FlagCleared>().ToList();
        Assert.Equal(["u1", "zone:hot"], cleared.Select(c => c.Subject).Order(StringComparer.Ordinal));
        Assert.All(cleared, c => Assert.Equal("the drill started over (round 2)", c.Reason));
        Assert.Empty(drill.Projection.Flags);
        Assert.All(drill.Projection.Units.Values, u => Assert.Null(u.LastFix));
        Assert.Empty(drill.Projection.Occupancy!.ZonesOf("u2"));
        Assert.Equal(MotionState.Unknown, drill.Assess("u1").State);
    }

    [Fact]
    public void A_start_over_folds_the_same_after_a_snapshot_and_in_replay()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", Drill.Still(80, 0));
        drill.Run(150);
        drill.Feed(new DrillControlled(DrillControlled.StartOver, "demo", "drill", 2));
        drill.Move("u1", Drill.Still(150, 0));
        drill.Run(200);

        var replayed = new IncidentProjection();
        foreach (var e in drill.Recorded)
        {
            replayed.Apply(e);
        }

        Assert.Equal(drill.Assess("u1"), replayed.Assess("u1"));
        var raised = drill.Derived.OfType<FlagRaised>().Where(f => f.Subject == "u1").ToList();
        Assert.Equal(2, raised.Count);
        Assert.StartsWith("holding ", raised[^1].Reason, StringComparison.Ordinal);
        Assert.Contains("at 150 m", raised[^1].Reason, StringComparison.Ordinal);
    }

    private static Zone Zone(string id, ZoneKind kind) =>
        new(id, id, kind, [new GeoPoint(51.4995, -0.1210), new GeoPoint(51.5005, -0.1210), new GeoPoint(51.5005, -0.1190), new GeoPoint(51.4995, -0.1190)]);
}
