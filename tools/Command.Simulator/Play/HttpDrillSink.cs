using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Simulation.Engine;
using Command.Simulation.Scenarios;
using Command.Simulation.Wire;
using Command.Simulator.Api;

namespace Command.Simulator.Play;

/// <summary>Plays a drill into a running host over its public HTTP API: one POST per tick's reports.</summary>
internal sealed class HttpDrillSink(CommandApiClient api, string incidentId, string scenario, ReportTally tally, TextWriter output) : IDrillSink
{
    public async Task OpenAsync(ScenarioSetup setup, CancellationToken cancellationToken)
    {
        var created = await api.CreateIncidentAsync(ApiMapping.ToCreateIncident(setup, incidentId), cancellationToken);
        await output.WriteLineAsync(created ? $"Created incident '{incidentId}' on {setup.Site.Name}." : $"Incident '{incidentId}' exists; reusing it.");
        if (setup.Threat is { } threat)
        {
            await api.PutThreatAsync(incidentId, threat.ThreatId, ApiMapping.ToThreat(threat, setup.ThreatReason), cancellationToken);
        }

        var enrolled = 0;
        foreach (var unit in setup.Units)
        {
            enrolled += await api.EnrolAsync(incidentId, ApiMapping.ToEnrolUnit(unit), cancellationToken) ? 1 : 0;
        }

        await output.WriteLineAsync($"Enrolled {enrolled} of {setup.Units.Length} units (the rest were already enrolled).");
    }

    /// <summary>
    /// Most reports per request. The host takes up to 10,000 and 4 MiB per body; a tick of a large drill at high
    /// speed can exceed that, so it goes in several requests, in order.
    /// </summary>
    public const int MaxReportsPerRequest = 5_000;

    public async Task ReportsAsync(IReadOnlyList<PositionReport> reports, CancellationToken cancellationToken)
    {
        foreach (var chunk in reports.Chunk(MaxReportsPerRequest))
        {
            var outcome = await api.PostReportsAsync(incidentId, new ReportsBody([.. chunk.Select(ApiMapping.ToReport)]), cancellationToken);
            tally.Add(chunk.Length, outcome);
        }
    }

    public async Task ThreatAsync(Threat threat, string? reason, CancellationToken cancellationToken)
    {
        await api.PutThreatAsync(incidentId, threat.ThreatId, ApiMapping.ToThreat(threat, reason), cancellationToken);
        var within = threat.UncertaintyM is { } u ? $" ±{u:F0} m" : "";
        var why = reason is null ? "" : $" ({reason})";
        await output.WriteLineAsync($"Threat {threat.ThreatId}: {ThreatPhases.Name(threat.Phase)} at {threat.Position}{within}{why}.");
    }

    public async Task StartOverAsync(int round, CancellationToken cancellationToken)
    {
        await api.StartOverAsync(incidentId, new StartOverBody(scenario, round), cancellationToken);
        await output.WriteLineAsync($"Started over: round {round}; the incident judges every unit afresh.");
    }

    public async Task RoleAsync(string unitId, UnitRole role, CancellationToken cancellationToken)
    {
        await api.PutRoleAsync(incidentId, unitId, ApiMapping.ToRole(role), cancellationToken);
        await output.WriteLineAsync($"Unit {unitId} is now {UnitRoles.Name(role)}.");
    }
}
