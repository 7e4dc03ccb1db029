using Command.Domain.Exercises;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Simulation.Engine;
using Command.Simulation.Scenarios;
using Command.Simulation.Wire;
using Command.Simulator.Api;

namespace Command.Simulator.Play;

/// <summary>
/// Plays a drill into a running host over its public HTTP API: one POST per tick's reports. Played into an incident where
/// a drill played before, it is their next round: it starts over before anything moves, and its own rounds are numbered
/// on from there, as the host's own drill started again does. It records the scenario it plays (<paramref name="exercise"/>:
/// its name, version and objectives; the name alone where none is given) as the host's own drill does, so its session is
/// compared with other runs of that scenario only.
/// </summary>
internal sealed class HttpDrillSink(
    CommandApiClient api, string incidentId, string scenario, double speed, ReportTally tally, TextWriter output, Exercise? exercise = null) : IDrillSink
{
    private int roundsBefore;

    public async Task OpenAsync(ScenarioSetup setup, CancellationToken cancellationToken)
    {
        await PlayRights.CheckAsync(api, cancellationToken);
        var created = await api.CreateIncidentAsync(ApiMapping.ToCreateIncident(setup, incidentId), cancellationToken);
        await output.WriteLineAsync(created ? $"Created incident '{incidentId}' on {setup.Site.Name}." : $"Incident '{incidentId}' exists; reusing it.");
        if (!created && !SiteGround.IsOriginOnly(setup.Site))
        {
            // An incident opened with only an origin is given the scenario's buildings and zones, as the host's own drill
            // gives them; one with another site of its own refuses the play (the site is not overwritten), which stops
            // here, before any unit is enrolled. Reused, it played with no building and no hot zone, and said nothing.
            await api.PutSiteAsync(incidentId, ApiMapping.ToSite(setup.Site) with { Origin = null }, cancellationToken);
        }

        if (!created && await api.RoundsPlayedAsync(incidentId, cancellationToken) is > 0 and var played)
        {
            // Its units start where the script starts them: judged against where the last run left them, a unit's first
            // fix cleared or raised flags, and the after-action report measured both runs as one.
            roundsBefore = played;
            try
            {
                await StartOverAsync(1, cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Forbidden)
            {
                await output.WriteLineAsync(
                    $"Warning: this token may not control drills, so the incident was not told round {played + 1} begins: its units are judged against where the last round left them. Use a token with the controller role.");
            }
        }
        if (setup.Threat is { } threat)
        {
            await api.PutThreatAsync(incidentId, threat.ThreatId, ApiMapping.ToThreat(threat, setup.ThreatReason), cancellationToken);
        }

        var enrolled = 0;
        var kept = new List<UnitEnrolment>();
        foreach (var unit in setup.Units)
        {
            if (await api.EnrolAsync(incidentId, ApiMapping.ToEnrolUnit(unit), cancellationToken))
            {
                enrolled++;
            }
            else
            {
                kept.Add(unit);
            }
        }

        await output.WriteLineAsync($"Enrolled {enrolled} of {setup.Units.Length} units (the rest were already enrolled).");
        await RoleAgainAsync(kept, cancellationToken);
        await api.PutExerciseAsync(incidentId, ApiMapping.ToExercise(exercise ?? new Exercise(scenario, null, [])), cancellationToken);
        if (speed != 1)
        {
            await ClockAsync(speed, $"The incident judges its units on this drill's clock: {speed:0.##} s of drill to each second.", cancellationToken);
        }
    }

    // Units enrolled by a run before start in the roles the script gives them, as the host's own drill started again does:
    // left in the role the last run ended them in, a unit at staging was judged, and flagged, as a contact unit.
    private async Task RoleAgainAsync(IReadOnlyList<UnitEnrolment> kept, CancellationToken cancellationToken)
    {
        if (kept.Count == 0)
        {
            return;
        }

        var roles = await api.RolesAsync(incidentId, cancellationToken);
        foreach (var unit in kept)
        {
            if (roles.TryGetValue(unit.UnitId, out var now) && (!UnitRoles.TryParse(now, out var role) || role != unit.Role))
            {
                await RoleAsync(unit.UnitId, unit.Role, cancellationToken);
            }
        }
    }

    /// <summary>The drill ended: the incident judges its units on its own clock again.</summary>
    public async Task EndedAsync(CancellationToken cancellationToken)
    {
        if (speed != 1)
        {
            await ClockAsync(1, "The incident judges its units on its own clock again.", cancellationToken);
        }
    }

    // Played fast without the right to say so, the drill still plays: the incident judges it on its own clock, and is told why.
    private async Task ClockAsync(double rate, string said, CancellationToken cancellationToken)
    {
        try
        {
            await api.ClockAsync(incidentId, new ClockBody(scenario, rate), cancellationToken);
            await output.WriteLineAsync(said);
        }
        catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            await output.WriteLineAsync(
                $"Warning: this token may not control drills, so the incident judges units on its own clock: at {speed:0.##}x a hold the script makes 4 minutes long is judged {240 / speed:0} s long. Use a token with the controller role.");
        }
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

    /// <summary>Says <paramref name="round"/> of this drill begins: on an incident that played rounds before it, the round after theirs.</summary>
    public async Task StartOverAsync(int round, CancellationToken cancellationToken)
    {
        await api.StartOverAsync(incidentId, new StartOverBody(scenario, roundsBefore + round), cancellationToken);
        await output.WriteLineAsync($"Started over: round {roundsBefore + round}; the incident judges every unit afresh.");
    }

    public async Task RoleAsync(string unitId, UnitRole role, CancellationToken cancellationToken)
    {
        await api.PutRoleAsync(incidentId, unitId, ApiMapping.ToRole(role), cancellationToken);
        await output.WriteLineAsync($"Unit {unitId} is now {UnitRoles.Name(role)}.");
    }
}
