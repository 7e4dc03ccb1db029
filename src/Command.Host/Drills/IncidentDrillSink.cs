using Command.Domain.Assessment;
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
/// carried on) may open their incident; a drill someone starts plays into an incident a commander opened. What it does
/// itself (enrolling its units, moving its threat) is recorded by <see cref="Actor"/>; the site it gives an incident
/// opened with only an origin by who started it (<paramref name="startedBy"/>), with its scenario, as the start is. A drill
/// started again on an incident that played <paramref name="roundsBefore"/> rounds before it is their next round: it
/// starts over, as a looping drill's next round does, and its own rounds are numbered on from there.
/// </summary>
public sealed partial class IncidentDrillSink(
    string incidentId, string scenario, IGrainFactory grains, ReportIntake intake, bool mayOpen = true, ILogger? logger = null, string? startedBy = null,
    int roundsBefore = 0) : IDrillSink
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
            Refused(Rejection.Closed(incidentId, closed));
        }

        if (view is not null && GreatCircle.DistanceM(view.Site.Origin, setup.Site.Origin) is var apart && apart > ThreatGround.MostFromSiteM)
        {
            // A scenario's units and threat stand on its own site: played into an incident on another, they stood hundreds
            // of kilometres off its map. Refused before anything is enrolled.
            Refused(new Rejection(RejectReason.InvalidValue,
                $"scenario '{scenario}' is set on {setup.Site.Name}, {GreatCircle.Kilometres(apart)} from this incident's site {view.Site.Name}: its units and threat would stand there; open an incident on its site to play it"));
        }

        // The whole start is judged before anything changes: the site, every unit, every step of the threat. Then the site
        // and the units are put in place together, all or none, and the threat placed on them.
        var site = view is null ? null : SiteToGive(view.Site, setup.Site);
        var enrolled = await Incident.GetUnits();
        await RefuseUnplayableAsync(setup, site ?? view?.Site ?? setup.Site, enrolled);
        if (view is not null && roundsBefore > 0)
        {
            // Played again where a drill played before, its units start where the script starts them: judged against where
            // the last run left them, a unit's first fix cleared or raised flags, and the after-action report measured the
            // first run as if it were the whole. It starts over as a looping drill's next round does, before anything moves.
            // Its start-over is the start's, by whoever started it.
            await StartOverAsync(1, startedBy ?? Actor, cancellationToken);
        }

        var given = site is null ? null : new SiteSet(site, startedBy ?? Actor, scenario);
        if (await Incident.EnrolAll([.. setup.Units.Select(u => new UnitToEnrol(u.UnitId, u.Callsign, u.Role, u.Person))], Actor, given) is { } refused)
        {
            // Another incident took a unit between the check and the enrolment, which left nothing enrolled: said, where it
            // can be, as the check says it, naming the unit and its place in the scenario.
            await RefuseUnplayableAsync(setup, site ?? view?.Site ?? setup.Site, enrolled);
            Refused(refused);
        }

        if (setup.Threat is { } threat)
        {
            await ThreatAsync(threat, setup.ThreatReason, cancellationToken);
        }
    }

    /// <summary>The refusal of a start whose scenario is set on a site other than the one its incident has of its own.</summary>
    public const string SiteDiffers = "site-differs";

    /// <summary>
    /// The site the drill gives its incident: the scenario's, on an incident opened with only an origin (its buildings,
    /// zones, walk graph and time zone; the incident's origin, which every fix is measured from, stands). Null where it
    /// gives none: a scenario that brings only an origin plays on whatever site the incident has, and an incident with the
    /// scenario's ground has it already. An incident with a site of its own that differs refuses the drill, saying how
    /// it differs: a site someone set is not overwritten. Played on an incident opened with only an origin, a scenario's
    /// site was dropped in silence, and its threat stood in no building and no hot zone.
    /// </summary>
    private Site? SiteToGive(Site incident, Site given)
    {
        if (SiteGround.IsOriginOnly(given))
        {
            return null;
        }

        if (SiteGround.IsOriginOnly(incident))
        {
            return given with { Origin = incident.Origin };
        }

        if (SiteGround.Differences(incident, given, "the scenario") is [_, ..] differences)
        {
            throw new DrillRefusedException(incidentId, new Rejection(RejectReason.AlreadyExists,
                $"scenario '{scenario}' is set on site {given.Name}, and incident '{incidentId}' has a site of its own, {incident.Name}, that differs: {string.Join("; ", differences)}. A drill does not overwrite a site someone set: play it on an incident opened with only an origin, or on one with its site"),
                SiteDiffers);
        }

        return null;
    }

    /// <summary>
    /// Refuses the drill whole, before anything is enrolled, where the incident would refuse any of what opening it
    /// asks: a unit it would not enrol (by the same rules it enrols by), a unit another incident holds, or a step of the
    /// threat it would not place on <paramref name="site"/>. A start refused at its third unit left the first two enrolled,
    /// and the file could then be played nowhere else; a threat step beyond the site's reach, checked only at its first,
    /// faulted the drill when it came due. Each refusal names the unit or step and where it stands in the scenario.
    /// </summary>
    private async Task RefuseUnplayableAsync(ScenarioSetup setup, Site site, IReadOnlyList<UnitAssessment> enrolled)
    {
        var callsigns = new CallsignBook();
        foreach (var unit in enrolled)
        {
            callsigns.Took(unit.UnitId, unit.Callsign);
        }

        var known = enrolled.Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);
        var together = new CallsignBook();
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

            // As the incident refuses it: a callsign one of its units reads as, or another of the scenario's units does.
            if ((callsigns.Clash(unit.UnitId, unit.Callsign)?.Refuses(unit.Callsign, $"already enrolled in incident '{incidentId}'")
                ?? together.Clash(unit.UnitId, unit.Callsign)?.Refuses(unit.Callsign, "also in the scenario")) is { } clash)
            {
                Refused(InScenario($"$.units[{i}] (unit '{unit.UnitId}')", clash));
            }

            together.Took(unit.UnitId, unit.Callsign);

            if (await grains.GetGrain<IUnitGrain>(unit.UnitId).Get() is { IncidentId: { } holder } && holder != incidentId)
            {
                Refused(InScenario($"$.units[{i}] (unit '{unit.UnitId}')", UnitGrain.HeldElsewhere(unit.UnitId, holder)));
            }
        }

        RefuseUnitsBoundToDevices(setup);
        var steps = setup.ThreatSteps.IsDefaultOrEmpty
            ? setup.Threat is { } first ? [new ThreatStep(0, first)] : []
            : setup.ThreatSteps;
        for (var i = 0; i < steps.Length; i++)
        {
            if (InputLimits.Check(steps[i].Threat) is { } invalid)
            {
                Refused(InScenario($"$.threat.script[{i}]", invalid));
            }

            if (ThreatGround.Check(site, steps[i].Threat) is { } misplaced)
            {
                Refused(InScenario($"$.threat.script[{i}].at", misplaced));
            }
        }
    }

    // A unit bound to a device's credential takes positions from that device alone: every fix the drill played for it was
    // refused, its row stayed empty and the after-action report proposed a perfect rating. Each is named, by its device,
    // enrolled already or not.
    private void RefuseUnitsBoundToDevices(ScenarioSetup setup)
    {
        var bound = setup.Units.Select((unit, i) => (unit.UnitId, At: i, Device: intake.BoundTo(unit.UnitId)))
            .Where(u => u.Device is not null)
            .GroupBy(u => u.Device!, StringComparer.Ordinal)
            .Select(device => device.Count() == 1
                ? $"unit '{device.First().UnitId}' ($.units[{device.First().At}]) takes positions only from {device.Key}"
                : $"units {Listed([.. device.Select(u => $"'{u.UnitId}' ($.units[{u.At}])")])} take positions only from {device.Key}")
            .ToList();
        if (bound.Count > 0)
        {
            Refused(new Rejection(RejectReason.UnitBoundToDevice,
                $"scenario '{scenario}': {string.Join("; ", bound)}, so every fix the drill played for them would be refused; play a scenario whose units no device token is bound to, or revoke that token"));
        }
    }

    private static string Listed(IReadOnlyList<string> items) => items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";

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

    // A step that sets the threat as it stands (a round started over where the last left it) has nothing to record.
    public async Task ThreatAsync(Threat threat, string? reason, CancellationToken cancellationToken) =>
        Refused(await UntilReachedAsync(() => Incident.SetThreat(threat, Actor, reason), cancellationToken) is { Reason: not RejectReason.Duplicate } refused ? refused : null);

    /// <summary>Says <paramref name="round"/> of this drill begins: on an incident that played rounds before it, the round after theirs.</summary>
    public Task StartOverAsync(int round, CancellationToken cancellationToken) => StartOverAsync(round, Actor, cancellationToken);

    private async Task StartOverAsync(int round, string actor, CancellationToken cancellationToken) =>
        Refused(await UntilReachedAsync(() => Incident.RecordDrill(DrillControlled.StartOver, scenario, actor, roundsBefore + round), cancellationToken));

    // A role the unit holds already (a round started over) has nothing to record.
    public async Task RoleAsync(string unitId, UnitRole role, CancellationToken cancellationToken) =>
        Refused(await UntilReachedAsync(() => Incident.ChangeRole(unitId, role, Actor), cancellationToken) is { Reason: not RejectReason.Duplicate } refused ? refused : null);

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
