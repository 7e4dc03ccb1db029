using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Grains.Directory;
using Command.Grains.Incidents;
using Command.Grains.Units;
using Command.Ingest.Intake;
using Command.Simulation.Engine;
using Command.Simulation.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;

namespace Command.Host.Drills;

/// <summary>
/// Plays a drill into an incident in-process, through the same intake as every other source, so a simulated
/// report is screened, counted and recorded exactly like a radio's. Only the host's own drills (the demo, a drill
/// carried on) may open their incident; a drill someone starts plays into an incident a commander opened.
/// </summary>
public sealed partial class IncidentDrillSink(string incidentId, string scenario, IGrainFactory grains, ReportIntake intake, bool mayOpen = true, ILogger? logger = null) : IDrillSink
{
    public const string Actor = "drill";

    private IIncidentGrain Incident => grains.GetGrain<IIncidentGrain>(incidentId);

    public async Task OpenAsync(ScenarioSetup setup, CancellationToken cancellationToken)
    {
        var view = await Incident.GetView();
        if (view is null)
        {
            Refused(mayOpen
                ? await Incident.Open(new OpenIncident(setup.Name, setup.Site, AutoEnrol: true, Actor))
                : new Rejection(RejectReason.UnknownIncident, $"incident '{incidentId}' does not exist; a commander opens it first (POST /api/incidents)"));
        }

        var listed = await grains.GetGrain<IIncidentDirectoryGrain>(IIncidentDirectoryGrain.Key).List();
        if (listed.FirstOrDefault(i => i.IncidentId == incidentId) is { ClosedAt: { } closed })
        {
            Refused(new Rejection(RejectReason.Closed, $"incident '{incidentId}' was closed at {closed:u}; it takes nothing more"));
        }

        if (view is not null && GreatCircle.DistanceM(view.Site.Origin, setup.Site.Origin) is var apart && apart > ThreatGround.MostFromSiteM)
        {
            // A scenario's units and threat stand on its own site: played into an incident on another, they stood hundreds
            // of kilometres off its map. Refused before anything is enrolled.
            Refused(new Rejection(RejectReason.InvalidValue,
                $"scenario '{scenario}' is set on {setup.Site.Name}, {GreatCircle.Kilometres(apart)} from this incident's site {view.Site.Name}: its units and threat would stand there; open an incident on its site to play it"));
        }

        var enrolled = (await Incident.GetUnits()).ToDictionary(u => u.UnitId, StringComparer.Ordinal);
        await RefuseUnplayableAsync(setup, view?.Site ?? setup.Site, enrolled.Keys);
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

    /// <summary>
    /// Refuses the drill whole, before anything is enrolled, where the incident would refuse any of what opening it
    /// asks: a unit it would not enrol (by the same rules it enrols by), a unit another incident holds, or a threat it
    /// would not place. A start refused at its third unit left the first two enrolled, and the file could then be
    /// played nowhere else. Each refusal names the unit and where it stands in the scenario.
    /// </summary>
    private async Task RefuseUnplayableAsync(ScenarioSetup setup, Site site, IEnumerable<string> enrolled)
    {
        var known = enrolled.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < setup.Units.Length; i++)
        {
            var unit = setup.Units[i];
            if (known.Contains(unit.UnitId))
            {
                continue;
            }

            if (InputLimits.Check(new UnitEnrolled(unit.UnitId, unit.Callsign, unit.Role, Actor, unit.Person?.Name, unit.Person?.Agency, unit.Person?.IcsPosition)) is { } invalid)
            {
                Refused(InScenario($"$.units[{i}] (unit '{unit.UnitId}')", invalid));
            }

            if (await grains.GetGrain<IUnitGrain>(unit.UnitId).Get() is { IncidentId: { } holder } && holder != incidentId)
            {
                Refused(InScenario($"$.units[{i}] (unit '{unit.UnitId}')", UnitGrain.HeldElsewhere(unit.UnitId, holder)));
            }
        }

        if (setup.Threat is { } threat && (InputLimits.Check(threat) ?? ThreatGround.Check(site, threat)) is { } misplaced)
        {
            Refused(InScenario("$.threat", misplaced));
        }
    }

    // "scenario 'x', $.units[2] (unit 'C3'): callsign is 65 characters (limit 64)": the refusal as the incident gave it,
    // with where in the scenario it lies.
    private Rejection InScenario(string where, Rejection refusal) => refusal with { Detail = $"scenario '{scenario}', {where}: {refusal.Detail}" };

    public async Task ReportsAsync(IReadOnlyList<PositionReport> reports, CancellationToken cancellationToken)
    {
        var batch = reports.Select(r => IncomingReport.Parsed(ReportSource.Simulator, EventJson.Serialize(r), r)).ToList();
        IntakeOutcome outcome;
        try
        {
            outcome = await intake.SubmitAsync(incidentId, batch, UnknownUnitPolicy.Enrol, cancellationToken);
        }
        catch (Exception ex) when (IsMoving(ex))
        {
            // The incident's host died and the cluster has not yet activated it on another: these fixes are not
            // delivered, as a radio's sent then would not be, and the drill plays on. It stopped with an error, and
            // the host that took the incident over started the demo again from nothing.
            LogFixesLost(logger ?? NullLogger.Instance, reports.Count, incidentId, ex.Message);
            return;
        }

        if (Closed(outcome) is { } closed)
        {
            // The incident was closed under the drill: nothing more plays into it, and the drill stops (it sent for
            // seconds more, each batch refused, until a command of its script was refused and it stopped with an error).
            throw new DrillRefusedException(incidentId, closed);
        }
    }

    // The incident's refusal of a whole batch as closed, where it refused it so.
    private static Rejection? Closed(IntakeOutcome outcome) =>
        outcome.Incident is { Reason: RejectReason.Closed } incident ? incident
        : outcome.Accepted == 0 && outcome.Rejected.Count > 0 && outcome.Rejected.All(r => r.Rejection.Reason == RejectReason.Closed) ? outcome.Rejected[0].Rejection
        : null;

    /// <summary>The incident cannot be reached for the moment: its silo is gone, or it is moving to another.</summary>
    public static bool IsMoving(Exception ex) => Hosting.Unreachable.Is(ex) || ex is IncidentUnavailableException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} drill fixes for incident {IncidentId} were not delivered while it could not be reached ({Reason}); the drill plays on")]
    private static partial void LogFixesLost(ILogger logger, int count, string incidentId, string reason);

    public async Task ThreatAsync(Threat threat, string? reason, CancellationToken cancellationToken) =>
        Refused(await UntilReachedAsync(() => Incident.SetThreat(threat, Actor, reason), cancellationToken));

    public async Task StartOverAsync(int round, CancellationToken cancellationToken) =>
        Refused(await UntilReachedAsync(() => Incident.RecordDrill(DrillControlled.StartOver, scenario, Actor, round), cancellationToken));

    public async Task RoleAsync(string unitId, UnitRole role, CancellationToken cancellationToken) =>
        Refused(await UntilReachedAsync(() => Incident.ChangeRole(unitId, role, Actor), cancellationToken));

    /// <summary>How often, and how far apart, a drill's command is sent again while its incident cannot be reached: the cluster moves an incident off a dead host in about ten seconds.</summary>
    public static readonly TimeSpan[] Retries = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];

    // A drill's command (a phase declared, a start-over, a role) is the drill's script: unlike a second of fixes it is
    // sent again until the incident is reached on its new host, and only then, unreached, stops the drill.
    private async Task<Rejection?> UntilReachedAsync(Func<Task<Rejection?>> command, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await command();
            }
            catch (Exception ex) when (IsMoving(ex) && attempt < Retries.Length)
            {
                LogCommandRetried(logger ?? NullLogger.Instance, incidentId, Retries[attempt].TotalSeconds, ex.Message);
                await Task.Delay(Retries[attempt], cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A drill command for incident {IncidentId} could not reach it ({Reason}); sent again in {Seconds} s")]
    private static partial void LogCommandRetried(ILogger logger, string incidentId, double seconds, string reason);

    private void Refused(Rejection? rejection)
    {
        if (rejection is not null)
        {
            throw new DrillRefusedException(incidentId, rejection);
        }
    }
}
