using Command.Domain.Geometry;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Simulation.Demo;
using Command.Simulation.Motion;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Tests.Demo;

public sealed class DemoScenarioTests
{
    // The assessment's assumed approach speed for a unit's ETA (AssessmentOptions.AssumedApproachSpeedMps).
    private const double ApproachSpeedMps = 2;

    [Fact]
    public async Task Demo_loads_and_validates_with_its_site_threat_and_units()
    {
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Meadowlark Flats School — active threat drill", demo.Name);
        Assert.Equal(570, demo.DurationS);
        Assert.Equal(["main", "gym"], demo.Site.Buildings.Select(b => b.BuildingId));
        Assert.Equal(12, demo.Site.Walks!.Nodes.Length);
        Assert.Equal([ThreatPhase.Reported, ThreatPhase.Active, ThreatPhase.Contained, ThreatPhase.Neutralized], demo.Threat.Steps.Select(s => s.Threat.Phase));
    }

    [Fact]
    public async Task Every_demo_unit_has_a_role()
    {
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            ["C1:Command", "S1:Contact", "P5:Perimeter", "M1:Medical", "P4:Staging", "P2:Contact", "P3:Contact", "R1:RescueTaskForce"],
            demo.Units.Select(u => $"{u.UnitId}:{u.Role}"));
        Assert.Equal(UnitRole.Contact, demo.Units.Single(u => u.UnitId == "P4").RoleAt(300));
    }

    [Fact]
    public async Task Every_demo_fix_stays_within_a_kilometre_of_the_origin()
    {
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        await using var drill = await Drill.StartAsync(demo, new() { Speed = 60 });
        drill.Advance(demo.DurationS / 60);

        Assert.Equal(demo.Units.Select(u => u.UnitId).Order(), drill.Sink.Reports.Select(r => r.UnitId).Distinct().Order());
        var farthest = drill.Sink.Reports.Max(r => demo.Frame.ToLocal(r.Position).Length);
        Assert.InRange(farthest, 0, 1000);
    }

    [Fact]
    public async Task First_officer_holds_outside_for_over_three_and_a_half_minutes_while_backup_is_minutes_away()
    {
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        var first = demo.Units.Where(u => u.RoleAt(u.ArriveS) == UnitRole.Contact).MinBy(u => u.ArriveS)!;
        var hold = first.Trajectory.Segments.Where(s => s.Kind == LegKind.Hold).MaxBy(s => s.DurationS)!;
        var building = new Polygon(demo.Site.Buildings[0].Footprint.Select(demo.Frame.ToLocal));

        Assert.Equal("S1", first.UnitId);
        Assert.InRange(hold.DurationS, 210, 300);
        Assert.False(building.Contains(hold.From), "the hold is outside the building");
        Assert.Equal(ThreatPhase.Active, demo.Threat.At(hold.StartS)!.Phase);
        Assert.Equal(ThreatPhase.Active, demo.Threat.At(hold.EndS)!.Phase);

        // Through the first 3.5 minutes of the hold, every other contact unit is off scene or over 2 minutes out.
        for (var t = hold.StartS; t <= hold.StartS + 210; t += 0.5)
        {
            var nearest = demo.Units
                .Where(u => u != first && u.ArriveS <= t && u.RoleAt(t) == UnitRole.Contact)
                .Select(u => u.Trajectory.SampleAt(t).Position.DistanceTo(hold.From) / ApproachSpeedMps)
                .DefaultIfEmpty(double.PositiveInfinity)
                .Min();
            Assert.True(nearest >= 120, $"at {t} s backup is {nearest:F0} s away");
        }
    }

    [Fact]
    public async Task Contact_team_of_three_goes_in_through_the_west_door_and_reaches_the_threat()
    {
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        var door = demo.Frame.ToLocal(demo.Site.Walks!.Nodes.Single(n => n.NodeId == "door-w").Position);
        var threat = demo.Frame.ToLocal(demo.Threat.At(0)!.Position);
        var team = demo.Units.Where(u => u.UnitId is "P2" or "P3" or "P4").ToList();

        Assert.All(team, u => Assert.Contains(u.Trajectory.Segments, s => s.Kind == LegKind.Path && s.To == door));
        Assert.All(team, u => Assert.InRange(u.Trajectory.SampleAt(405).Position.DistanceTo(threat), 0, 15));
        Assert.All(team, u => Assert.Equal(UnitRole.Contact, u.RoleAt(335)));
    }

    [Fact]
    public async Task Perimeter_and_medical_units_hold_in_their_zones_by_design()
    {
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);

        Assert.True(InZone(demo, "post-ne", demo.Units.Single(u => u.Role == UnitRole.Perimeter).Trajectory.SampleAt(300).Position));
        Assert.True(InZone(demo, "staging", demo.Units.Single(u => u.Role == UnitRole.Medical).Trajectory.SampleAt(300).Position));
        Assert.True(InZone(demo, "cp", demo.Units.Single(u => u.Role == UnitRole.Command).Trajectory.SampleAt(300).Position));
    }

    [Fact]
    public async Task Rescue_task_force_enters_the_warm_zone_only_after_the_threat_is_contained()
    {
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        var rtf = demo.Units.Single(u => u.Role == UnitRole.RescueTaskForce);
        var contained = demo.Threat.Steps.First(s => s.Threat.Phase == ThreatPhase.Contained).AtS;

        var inWarm = Enumerable.Range(0, (int)demo.DurationS * 2).Select(i => i / 2.0)
            .Where(t => t >= rtf.ArriveS && InZone(demo, "warm", rtf.Trajectory.SampleAt(t).Position))
            .ToList();
        Assert.NotEmpty(inWarm);
        Assert.True(inWarm[0] > contained, $"entered the warm zone at {inWarm[0]} s, contained at {contained} s");
    }

    [Fact]
    public async Task Demo_loads_by_path_as_well_as_by_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"demo-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, await DemoScenario.ReadJsonAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        try
        {
            var byPath = await DemoScenario.LoadByNameOrPathAsync(path, TestContext.Current.CancellationToken);
            var byName = await DemoScenario.LoadByNameOrPathAsync("demo", TestContext.Current.CancellationToken);
            Assert.Equal(byName.Units.Select(u => u.UnitId), byPath.Units.Select(u => u.UnitId));
            Assert.Equal(byName.Site.Origin, byPath.Site.Origin);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static bool InZone(Scenario demo, string zoneId, LocalPoint p) =>
        new Polygon(demo.Site.Zones.Single(z => z.ZoneId == zoneId).Polygon.Select(demo.Frame.ToLocal)).Contains(p);
}
