using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Simulation.Engine;
using Command.Simulation.Scenarios;

namespace Command.Reporting.Tests.Support;

/// <summary>
/// A drill's output folded straight into an incident stream on the drill's fake clock, as the incident grain folds
/// it live (each batch stamped with the clock, then the clock ticked), keeping everything recorded.
/// </summary>
internal sealed class StreamSink(string incidentId, TimeProvider clock) : IDrillSink
{
    private readonly IncidentStream stream = new();

    public List<IncidentEvent> Recorded { get; } = [];

    public void Do(IncidentEvent input) => stream.Record(input, clock.GetUtcNow(), Recorded);

    public Task OpenAsync(ScenarioSetup setup, CancellationToken cancellationToken)
    {
        Do(new IncidentOpened(incidentId, setup.Name, setup.Site, true, "drill", IncidentSchema.Current));
        foreach (var unit in setup.Units)
        {
            Do(new UnitEnrolled(unit.UnitId, unit.Callsign, unit.Role, "drill", unit.Person?.Name, unit.Person?.Agency, unit.Person?.IcsPosition));
        }

        if (setup.Threat is { } threat)
        {
            Do(new ThreatSet(threat, "drill"));
        }

        return Task.CompletedTask;
    }

    public Task ReportsAsync(IReadOnlyList<PositionReport> reports, CancellationToken cancellationToken)
    {
        foreach (var report in reports)
        {
            Do(new PositionAccepted(report));
        }

        stream.Tick(clock.GetUtcNow(), Recorded);
        return Task.CompletedTask;
    }

    public Task ThreatAsync(Threat threat, string? reason, CancellationToken cancellationToken)
    {
        Do(new ThreatSet(threat, "drill", reason));
        return Task.CompletedTask;
    }

    public Task StartOverAsync(int round, CancellationToken cancellationToken)
    {
        Do(new DrillControlled(DrillControlled.StartOver, "drill", "drill", round));
        return Task.CompletedTask;
    }

    public Task RoleAsync(string unitId, UnitRole role, CancellationToken cancellationToken)
    {
        Do(new UnitRoleChanged(unitId, role, "drill"));
        return Task.CompletedTask;
    }

    public void TickTo(DateTimeOffset now) => stream.Tick(now, Recorded);
}
