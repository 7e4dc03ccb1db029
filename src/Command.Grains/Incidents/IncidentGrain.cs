using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Recording;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Command.Grains.Incidents;

/// <summary>The incident: owns its event stream, folds it into live state, and publishes frames.</summary>
public sealed partial class IncidentGrain : Grain, IIncidentGrain
{
    private readonly IPersistentState<IncidentGrainState> state;
    private readonly ISessionLog sessionLog;
    private readonly TimeProvider clock;
    private readonly TimeProvider pacing;
    private readonly ValidationOptions validation;
    private readonly IncidentGrainOptions options;
    private readonly ILogger<IncidentGrain> logger;
    private readonly ObserverManager<IIncidentObserver> observers;
    private readonly AssessmentOptions assessmentOptions;
    private IncidentProjection projection;

    public IncidentGrain(
        [PersistentState("incident", GrainStorage.Name)] IPersistentState<IncidentGrainState> state,
        ISessionLog sessionLog,
        [FromKeyedServices(IncidentClock.Key)] TimeProvider clock,
        TimeProvider pacing,
        ValidationOptions validation,
        AssessmentOptions assessment,
        IOptions<IncidentGrainOptions> options,
        ILogger<IncidentGrain> logger)
    {
        this.state = state;
        this.sessionLog = sessionLog;
        this.clock = clock;
        this.pacing = pacing;
        this.validation = validation;
        this.options = options.Value;
        this.logger = logger;
        assessmentOptions = assessment;
        observers = new ObserverManager<IIncidentObserver>(this.options.ObserverExpiry, logger);
        projection = new IncidentProjection(assessment);
    }

    private string IncidentId => this.GetPrimaryKeyString();

    public async Task<Rejection?> Open(OpenIncident command)
    {
        if (projection.IsOpen)
        {
            return new Rejection(RejectReason.AlreadyExists, $"incident '{IncidentId}' already exists");
        }

        await RecordAsync([new IncidentOpened(IncidentId, command.Name, command.Site, command.AutoEnrol, command.Actor)]);
        foreach (var zone in command.Site.Zones)
        {
            await GrainFactory.GetGrain<Zones.IZoneGrain>(Zones.ZoneKey.Format(IncidentId, zone.ZoneId)).Define(zone);
        }

        await PersistAsync();
        await ListAsync();
        StartTimers();
        LogOpened(logger, IncidentId, command.Name, command.Actor);
        return null;
    }

    public Task<IncidentView?> GetView() => Task.FromResult(projection.IsOpen
        ? new IncidentView(IncidentId, projection.Name, projection.Site!, projection.AutoEnrol, [.. projection.Threats.Values],
            projection.Units.Count, projection.OpenedAt!.Value, projection.Clock, projection.LastSequence)
        : null);

    public Task<Rejection?> SetThreat(Threat threat, string actor) =>
        CommandAsync(() => Decision.Do(new ThreatSet(threat, actor)));

    public Task<Rejection?> SetThreatPhase(string threatId, ThreatPhase phase, string actor) =>
        CommandAsync(() => projection.Threats.ContainsKey(threatId)
            ? Decision.Do(new ThreatPhaseChanged(threatId, phase, actor))
            : Decision.Refuse(RejectReason.InvalidValue, $"threat '{threatId}' is not in this incident"));

    public async Task<Rejection?> Enrol(string unitId, string callsign, UnitRole role, string actor)
    {
        var rejection = await CommandAsync(() => projection.Units.ContainsKey(unitId)
            ? Decision.Refuse(RejectReason.AlreadyExists, $"unit '{unitId}' is already enrolled")
            : Decision.Do(new UnitEnrolled(unitId, callsign, role, actor)));
        if (rejection is null)
        {
            await GrainFactory.GetGrain<Units.IUnitGrain>(Units.UnitKey.Format(IncidentId, unitId)).Assign(IncidentId, callsign, role);
        }

        return rejection;
    }

    public async Task<Rejection?> ChangeRole(string unitId, UnitRole role, string actor)
    {
        var rejection = await CommandAsync(() => projection.Units.ContainsKey(unitId)
            ? Decision.Do(new UnitRoleChanged(unitId, role, actor))
            : Decision.Refuse(RejectReason.UnknownUnit, $"unit '{unitId}' is not enrolled"));
        if (rejection is null)
        {
            await GrainFactory.GetGrain<Units.IUnitGrain>(Units.UnitKey.Format(IncidentId, unitId)).Assign(IncidentId, projection.Units[unitId].Callsign, role);
        }

        return rejection;
    }

    public Task<Rejection?> Acknowledge(string subject, string reason, string actor) =>
        CommandAsync(() => string.IsNullOrWhiteSpace(reason)
            ? Decision.Refuse(RejectReason.MissingField, "an acknowledgement needs a reason")
            : Decision.Do(new FlagAcknowledged(subject, actor, reason)));

    public Task<Rejection?> RecordDrill(string action, string scenario, string actor) =>
        CommandAsync(() => Decision.Do(new DrillControlled(action, scenario, actor)));

    public Task<ImmutableArray<UnitAssessment>> GetUnits() => Task.FromResult(projection.AssessAll().ToImmutableArray());
}
