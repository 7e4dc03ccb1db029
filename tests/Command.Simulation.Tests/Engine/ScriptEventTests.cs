using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Simulation.Engine;

namespace Command.Simulation.Tests.Engine;

public sealed class ScriptEventTests
{
    private const string Threat = """
        { "id": "T7", "script": [
            { "atS": 0, "phase": "reported", "at": { "east": 0, "north": 50 }, "uncertaintyM": 25, "floor": 1 },
            { "atS": 12, "phase": "active", "uncertaintyM": 10 },
            { "atS": 30, "at": { "east": 20, "north": 50 } },
            { "atS": 41, "phase": "contained", "reason": "subject barricaded" } ] }
        """;

    private const string Units = """
        { "id": "A", "callsign": "Alpha", "role": "staging", "start": { "east": 0, "north": 0 },
          "roleChanges": [ { "atS": 20, "role": "contact" }, { "atS": 35, "role": "rescue-task-force" } ] },
        { "id": "B", "role": "perimeter", "start": { "east": 5, "north": 0 }, "arriveS": 45 }
        """;

    [Fact]
    public async Task Opening_enrols_every_unit_with_its_first_role_and_places_the_threat()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Units, Threat));

        var setup = drill.Sink.Setup!;
        Assert.Equal(["A:Alpha:Staging", "B:B:Perimeter"], setup.Units.Select(u => $"{u.UnitId}:{u.Callsign}:{u.Role}"));
        Assert.Equal(("T7", ThreatPhase.Reported, 25.0, 1), (setup.Threat!.ThreatId, setup.Threat.Phase, setup.Threat.UncertaintyM, setup.Threat.Floor!.Value));
        Assert.Equal("Test field", setup.Site.Name);
    }

    [Fact]
    public async Task Threat_phase_changes_and_moves_arrive_at_their_times()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Units, Threat));
        drill.Advance(50);

        var frame = new Domain.Geometry.LocalFrame(TestScenarios.Origin);
        Assert.Equal(
            ["12.5:Active:10:0", "30.5:Active:10:20", "41.5:Contained:10:20"],
            drill.Sink.Threats.Select(t => FormattableString.Invariant(
                $"{TestScenarios.DrillSeconds(t.At)}:{t.Threat.Phase}:{t.Threat.UncertaintyM}:{Math.Round(frame.ToLocal(t.Threat.Position).East, 6)}")));
        Assert.All(drill.Sink.Threats, t => Assert.Equal((int?)1, t.Threat.Floor));
    }

    [Fact]
    public async Task Role_changes_arrive_at_their_times()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Units, Threat));
        drill.Advance(50);

        // Ticks every 0.5 s: a change at 20 s goes out on the tick that passes it.
        Assert.Equal(
            [(20.5, "A", UnitRole.Contact), (35.5, "A", UnitRole.RescueTaskForce)],
            drill.Sink.Roles.Select(r => (TestScenarios.DrillSeconds(r.At), r.UnitId, r.Role)));
    }

    [Fact]
    public async Task Unit_reports_nothing_before_it_arrives()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Units, Threat));
        drill.Advance(44);

        Assert.DoesNotContain(drill.Sink.Reports, r => r.UnitId == "B");
        drill.Advance(2);
        Assert.Equal(45, TestScenarios.DrillSeconds(drill.Sink.Reports.First(r => r.UnitId == "B").FixTime));
    }

    [Fact]
    public async Task Looping_restores_the_first_roles_and_the_first_threat()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Units, Threat, durationS: 50), new DrillOptions { Loop = true });
        drill.Advance(51);

        Assert.Equal((50.0, "A", UnitRole.Staging), (TestScenarios.DrillSeconds(drill.Sink.Roles[^1].At), drill.Sink.Roles[^1].UnitId, drill.Sink.Roles[^1].Role));
        Assert.Equal((50.0, ThreatPhase.Reported), (TestScenarios.DrillSeconds(drill.Sink.Threats[^1].At), drill.Sink.Threats[^1].Threat.Phase));
    }

    [Fact]
    public async Task Each_loop_tells_the_incident_it_started_over_before_resetting_the_threat_and_roles()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Units, Threat, durationS: 50), new DrillOptions { Loop = true });
        drill.Advance(101);

        Assert.Equal([(50.0, 2), (100.0, 3)], drill.Sink.StartsOver.Select(s => (TestScenarios.DrillSeconds(s.At), s.Round)));
        Assert.True(drill.Sink.StartsOver[0].At <= drill.Sink.Threats.First(t => TestScenarios.DrillSeconds(t.At) >= 50).At);
    }

    [Fact]
    public async Task A_drill_that_does_not_loop_never_starts_over()
    {
        await using var drill = await Drill.StartAsync(TestScenarios.With(Units, Threat, durationS: 50));
        drill.Advance(60);

        Assert.Empty(drill.Sink.StartsOver);
    }
}
