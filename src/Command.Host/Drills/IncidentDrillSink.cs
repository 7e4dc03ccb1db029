using Command.Domain.Events;
using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Grains.Incidents;
using Command.Ingest.Intake;
using Command.Simulation.Engine;
using Command.Simulation.Scenarios;

namespace Command.Host.Drills;

/// <summary>
/// Plays a drill into an incident in-process, through the same intake as every other source, so a simulated
/// report is screened, counted and recorded exactly like a radio's.
/// </summary>
public sealed class IncidentDrillSink(string incidentId, IGrainFactory grains, ReportIntake intake) : IDrillSink
{
    public const string Actor = "drill";

    private IIncidentGrain Incident => grains.GetGrain<IIncidentGrain>(incidentId);

    public async Task OpenAsync(ScenarioSetup setup, CancellationToken cancellationToken)
    {
        if (await Incident.GetView() is null)
        {
            Refused(await Incident.Open(new OpenIncident(setup.Name, setup.Site, AutoEnrol: true, Actor)));
        }

        var enrolled = (await Incident.GetUnits()).ToDictionary(u => u.UnitId, StringComparer.Ordinal);
        foreach (var unit in setup.Units)
        {
            if (!enrolled.TryGetValue(unit.UnitId, out var known))
            {
                Refused(await Incident.Enrol(unit.UnitId, unit.Callsign, unit.Role, Actor, unit.Person));
            }
            else if (known.Role != unit.Role)
            {
                Refused(await Incident.ChangeRole(unit.UnitId, unit.Role, Actor));
            }
        }

        if (setup.Threat is { } threat)
        {
            await ThreatAsync(threat, setup.ThreatReason, cancellationToken);
        }
    }

    public async Task ReportsAsync(IReadOnlyList<PositionReport> reports, CancellationToken cancellationToken)
    {
        var batch = reports.Select(r => IncomingReport.Parsed(ReportSource.Simulator, EventJson.Serialize(r), r)).ToList();
        await intake.SubmitAsync(incidentId, batch, UnknownUnitPolicy.Enrol, cancellationToken);
    }

    public async Task ThreatAsync(Threat threat, string? reason, CancellationToken cancellationToken) =>
        Refused(await Incident.SetThreat(threat, Actor, reason));

    public async Task RoleAsync(string unitId, UnitRole role, CancellationToken cancellationToken) =>
        Refused(await Incident.ChangeRole(unitId, role, Actor));

    private void Refused(Rejection? rejection)
    {
        if (rejection is not null)
        {
            throw new InvalidOperationException($"Incident {incidentId} refused the drill: {rejection}");
        }
    }
}
