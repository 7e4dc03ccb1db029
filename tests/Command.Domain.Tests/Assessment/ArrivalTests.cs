using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;

namespace Command.Domain.Tests.Assessment;

/// <summary>Arrival is being there: within the contact radius, inside the threat's building, on its floor where both are known.</summary>
public sealed class ArrivalTests
{
    // B12: 40 m east-west, 30 m north-south; the threat is inside it, 60 m north of the origin.
    private static Drill BuildingDrill(AssessmentOptions? options = null, double? groundM = null, AltitudeDatum? datum = null)
    {
        var probe = new Drill();
        var site = Drill.SiteWith([probe.Box("B12", -20, 45, 20, 75, groundM: groundM, datum: datum)]);
        var drill = new Drill(options, site);
        drill.Threat("T1", 0, 60, uncertaintyM: null);
        return drill;
    }

    [Fact]
    public void A_unit_holding_at_the_next_building_is_flagged_however_uncertain_the_marker()
    {
        var drill = BuildingDrill();
        drill.Enrol("sro");
        drill.Move("sro", Drill.Still(35, 15), cadence: 7, accuracyM: 6);

        drill.Run(120);

        var sro = drill.Assess("sro");
        Assert.Equal(MotionState.Holding, sro.State);
        Assert.Null(sro.ArrivalReason);
        Assert.Null(drill.Projection.Threats["T1"].UncertaintyM);
        var raised = Assert.Single(drill.Derived.OfType<FlagRaised>());
        Assert.StartsWith("holding ", raised.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_within_the_contact_radius_but_outside_the_threats_building_is_not_arrived()
    {
        var probe = new Drill();
        var drill = new Drill(site: Drill.SiteWith([probe.Box("B12", -20, 45, 20, 75)]));
        drill.Threat("T1", 0, 48);
        drill.Enrol("u1");
        // 10 m from the threat, 7 m outside the south wall.
        drill.Move("u1", Drill.Still(0, 38));

        drill.Run(60);

        Assert.Equal(MotionState.Holding, drill.Assess("u1").State);
        Assert.Contains(drill.Derived, e => e is FlagRaised { Subject: "u1" });
    }

    [Fact]
    public void A_unit_inside_the_threats_building_and_near_it_is_arrived_and_says_why()
    {
        var drill = BuildingDrill();
        drill.Enrol("entry");
        drill.Move("entry", Drill.Still(3, 50));

        drill.Run(60);

        var entry = drill.Assess("entry");
        Assert.Equal(MotionState.Arrived, entry.State);
        Assert.Equal("inside B12, 10 m from the threat", entry.ArrivalReason);
        Assert.Equal("B12", entry.Building);
        Assert.DoesNotContain(drill.Derived, e => e is FlagRaised);
    }

    [Fact]
    public void A_unit_on_another_known_floor_is_not_arrived()
    {
        // Ground floor at 50 m above mean sea level: an altitude above mean sea level, known to a metre, tells the floor.
        var drill = BuildingDrill(groundM: 50, datum: AltitudeDatum.MeanSeaLevel);
        drill.Threat("T1", 0, 60, uncertaintyM: null, floor: 2);
        drill.Enrol("below");
        drill.Enrol("unsure");
        drill.Move("below", Drill.Still(3, 55), altitude: _ => 50.4, datum: AltitudeDatum.MeanSeaLevel, verticalM: 1);
        // The same altitude above the ellipsoid says nothing about the floor: the building test alone applies.
        drill.Move("unsure", Drill.Still(-3, 55), altitude: _ => 50.4, datum: AltitudeDatum.Ellipsoid, verticalM: 1);

        drill.Run(60);

        Assert.Equal(0, drill.Assess("below").Floor);
        Assert.NotEqual(MotionState.Arrived, drill.Assess("below").State);
        Assert.Null(drill.Assess("unsure").Floor);
        Assert.Equal(MotionState.Arrived, drill.Assess("unsure").State);
    }

    [Fact]
    public void A_unit_that_falls_back_from_contact_is_flagged_as_moving_away()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        // In contact for a minute, then 35 m back down the hallway at 1.2 m/s, and holds there.
        drill.Move("u1", t => new LocalPoint(t < 60 ? 5 : Math.Min(40, 5 + (1.2 * (t - 60))), 0));

        drill.Run(180);

        var raised = Assert.Single(drill.Derived.OfType<FlagRaised>());
        Assert.StartsWith("fell back from contact ", raised.Reason, StringComparison.Ordinal);
        Assert.True(raised.Time <= Drill.Start.AddSeconds(120), $"flagged at {raised.Time:HH:mm:ss}");
        Assert.Equal(MotionState.Opening, drill.Assess("u1").State);
    }
}
