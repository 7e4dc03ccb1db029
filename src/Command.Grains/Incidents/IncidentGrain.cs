using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Exercises;
using Command.Domain.Incidents;
using Command.Domain.Recording;
using Command.Domain.Text;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Domain.Views;
using Command.Grains.Units;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Command.Grains.Incidents;

/// <summary>
/// The incident: owns its <see cref="IncidentStream"/>, records what it folds, and tells its watchers and read models.
/// Commands and report batches are folded as they arrive and answered once recorded.
/// </summary>
public sealed partial class IncidentGrain : Grain, IIncidentGrain
{
    private readonly IPersistentState<IncidentGrainState> state;
    private readonly ISessionLog sessionLog;
    private readonly TimeProvider clock;
    private readonly ValidationOptions validation;
    private readonly AssessmentOptions assessment;
    private readonly IncidentGrainOptions options;
    private readonly ILogger<IncidentGrain> logger;
    private readonly ObserverManager<IIncidentObserver> observers;
    private readonly IncidentStream stream;
    private readonly IncidentRecorder recorder;
    private readonly FramePublisher frames;
    private readonly ReadSide readSide;
    private readonly SecondDevices secondDevices = new();
    private readonly UnitClocksShown clocksShown = new();
    private readonly PreviousRun previousRun;

    public IncidentGrain(
        [PersistentState("incident", GrainStorage.Name)] IPersistentState<IncidentGrainState> state,
        ISessionLog sessionLog,
        [FromKeyedServices(IncidentClock.Key)] TimeProvider clock,
        TimeProvider pacing,
        ValidationOptions validation,
        AssessmentOptions assessment,
        FramePacing framePacing,
        IOptions<IncidentGrainOptions> options,
        ILogger<IncidentGrain> logger,
        PreviousRun? previousRun = null)
    {
        this.previousRun = previousRun ?? PreviousRun.None;
        this.state = state;
        this.sessionLog = sessionLog;
        this.clock = clock;
        this.validation = validation;
        this.assessment = assessment;
        this.options = options.Value;
        this.logger = logger;
        observers = new ObserverManager<IIncidentObserver>(this.options.ObserverExpiry, logger);
        stream = new IncidentStream(assessment);
        recorder = new IncidentRecorder(IncidentId, sessionLog, this.options.SnapshotInterval, logger);
        frames = new FramePublisher(this, IncidentId, framePacing, pacing, observers);
        readSide = new ReadSide(IncidentId, GrainFactory, this.options.UnitSyncInterval, logger);
    }

    private string IncidentId => this.GetPrimaryKeyString();

    public async Task<Rejection?> Open(OpenIncident command)
    {
        if (await UnavailableAsync() is { } unavailable)
        {
            return unavailable;
        }

        if (stream.Exists)
        {
            return new Rejection(RejectReason.AlreadyExists, stream.IsClosed
                ? $"incident '{IncidentId}' was closed; open a new one under another id"
                : $"incident '{IncidentId}' already exists");
        }

        if (InputLimits.Check(new IncidentOpened(IncidentId, command.Name, command.Site, command.AutoEnrol, command.Actor)) is { } invalid)
        {
            return invalid;
        }

        if (await Directory().Reserve(IncidentId, options.MaxOpen, clock.GetUtcNow()) is { } refused)
        {
            return refused;
        }

        await FoldAsync(new IncidentOpened(IncidentId, command.Name, command.Site, command.AutoEnrol, command.Actor, IncidentSchema.Current, AssessmentRules.Current, assessment));
        await PersistAsync();
        await ListAsync();
        await readSide.Told();
        StartTicking();
        LogOpened(logger, IncidentId, command.Name, command.Actor);
        return null;
    }

    public async Task<IncidentView?> GetView()
    {
        await ThrowIfUnavailableAsync();
        var p = stream.Projection;
        return stream.Exists
            ? new IncidentView(IncidentId, p.Name, p.Site!, p.AutoEnrol, [.. p.Threats.Values], p.Units.Count, p.OpenedAt!.Value, p.Clock, p.LastSequence, p.Round)
            : null;
    }

    public Task<SiloAddress> Silo() => Task.FromResult(GrainContext.Address.SiloAddress!);

    public async Task<Rejection?> Close(string reason, string actor)
    {
        var rejection = await CommandAsync(() => string.IsNullOrWhiteSpace(reason)
            ? Decision.Refuse(RejectReason.MissingField, "closing an incident needs a reason")
            : Decision.Do(new IncidentClosed(reason.Trim(), actor)));
        if (rejection is not null)
        {
            return rejection;
        }

        await Directory().Closed(IncidentId, stream.Projection.ClosedAt!.Value);
        readSide.Release(stream);
        await readSide.Told();
        ticker?.Dispose();
        ticker = null;
        LogClosed(logger, IncidentId, actor, reason);
        DeactivateOnIdle();
        return null;
    }

    public Task<Rejection?> SetThreat(Threat threat, string actor, string? reason) =>
        CommandAsync(() => Place(stream.Projection.Threats.GetValueOrDefault(threat.ThreatId), threat, actor, reason));

    private Decision Place(Threat? standing, Threat threat, string actor, string? reason)
    {
        var placed = reason == PhaseChanges.Marker ? PhaseChanges.Marked(standing, threat) : threat;
        if (reason == PhaseChanges.Marker && ThreatSightings.Sights(standing, threat) && ThreatGround.Check(stream.Projection.Site!, placed) is null)
        {
            // Another marker on a threat declared contained or neutralized, or away from an active one: said as a sighting
            // of it, which moves nothing.
            var (sighted, again) = ThreatSightings.Of(standing!, threat, actor, stream.Projection.Frame!);
            return again is not null ? Decision.Refuse(again.Reason, again.Detail) : Decision.Do(sighted!);
        }

        return (ThreatGround.Check(stream.Projection.Site!, placed) ?? ThreatRepeats.Of(standing, placed) ?? PhaseChanges.Check(standing?.Phase, placed.Phase, reason)) is { } refused
            ? Decision.Refuse(refused.Reason, refused.Detail)
            : Decision.Do(new ThreatSet(placed, actor, NullIfBlank(reason)));
    }

    public Task<Rejection?> SetThreatPhase(string threatId, ThreatPhase phase, string actor, string? reason) =>
        CommandAsync(() => !stream.Projection.Threats.TryGetValue(threatId, out var threat)
            ? Decision.Refuse(RejectReason.UnknownThreat, $"threat '{threatId}' is not in this incident")
            : (PhaseChanges.Repeat(threat, phase, reason, stream.Projection.Suppression) ?? PhaseChanges.Check(threat.Phase, phase, reason)) is { } refused
                ? Decision.Refuse(refused.Reason, refused.Detail)
                : Decision.Do(new ThreatPhaseChanged(threatId, phase, actor, NullIfBlank(reason))));

    public Task<Rejection?> DeleteMarker(string marker, string actor, string? device, string? became) =>
        CommandAsync(() => stream.Projection.Threats.Values.FirstOrDefault(t => t.Marker == marker) switch
        {
            // A sighting's marker taken off the map, or marked as other than hostile: the sighting is said no more.
            null when stream.Projection.Threats.Values.FirstOrDefault(t => t.Sighted?.Marker == marker) is { } sighted =>
                Decision.Do(new ThreatMarkerDeleted(sighted.ThreatId, marker, Named(actor, device), became, Sighting: true)),
            null when stream.Projection.SightingsDeleted.Contains(marker) =>
                Decision.Refuse(RejectReason.Duplicate, $"the deletion of sighted marker {Clip(marker)} is already recorded"),
            null => Decision.Refuse(RejectReason.NotAPosition, $"deletion of map item {Clip(marker)}, which placed no threat here, is not a position"),
            { MarkerDeleted: { } done } threat when done.Became == became =>
                Decision.Refuse(RejectReason.Duplicate, $"threat {threat.ThreatId}'s marker {Clip(marker)} is already recorded as {done.Words}"),
            var threat => Decision.Do(new ThreatMarkerDeleted(threat.ThreatId, marker, Named(actor, device), became)),
        });

    // A commander radios an officer by callsign, not by his phone's uid: the device's unit, where it is enrolled here and
    // the actor has room for it.
    private string Named(string actor, string? device) =>
        device is not null && stream.Projection.Units.TryGetValue(device, out var unit) && unit.Callsign != device
            && $"{actor}, {unit.Callsign}" is { Length: <= InputLimits.MaxActorChars } named
            ? named
            : actor;

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// Enrols a unit once its unit grain lets this incident have it: a unit enrolled in another open incident is
    /// refused, naming that incident. A claim whose enrolment is then refused is given back.
    /// </summary>
    public async Task<Rejection?> Enrol(string unitId, string callsign, UnitRole role, string actor, UnitPerson? person = null)
    {
        // Kept composed, however it was typed: "Pé1" with e and a combining acute is the "Pé1" typed as one character.
        callsign = CanonicalComposition.Compose(callsign);
        if ((await UnavailableAsync() ?? Missing()) is { } missing)
        {
            return missing;
        }

        if (!stream.Projection.Units.ContainsKey(unitId) && InputLimits.Check(new UnitEnrolled(unitId, callsign, role, actor, person?.Name, person?.Agency, person?.IcsPosition)) is null)
        {
            // Refused before the unit is claimed, so another incident is never kept from it by an enrolment refused here.
            if (CallsignClash(unitId, callsign) is { } clash)
            {
                return clash;
            }

            var unit = GrainFactory.GetGrain<IUnitGrain>(unitId);
            claiming.Add(unitId);
            try
            {
                if (await unit.Claim(new UnitEnrolment(IncidentId, callsign, role, clock.GetUtcNow())) is { } taken)
                {
                    return taken;
                }

                var refused = await EnrolAsync(unitId, callsign, role, actor, person);
                if (refused is not null && !stream.Projection.Units.ContainsKey(unitId))
                {
                    await unit.Released(IncidentId);
                }

                return refused;
            }
            finally
            {
                claiming.Remove(unitId);
            }
        }

        return await EnrolAsync(unitId, callsign, role, actor, person);
    }

    private Task<Rejection?> EnrolAsync(string unitId, string callsign, UnitRole role, string actor, UnitPerson? person) =>
        CommandAsync(() => stream.Projection.Units.ContainsKey(unitId)
            ? Decision.Refuse(RejectReason.AlreadyExists, $"unit '{unitId}' is already enrolled")
            : CallsignClash(unitId, callsign) is { } clash
                ? new Decision(null, clash)
                : Decision.Do(new UnitEnrolled(unitId, callsign, role, actor, person?.Name, person?.Agency, person?.IcsPosition)));

    // A callsign another unit of the incident reads as: a commander directing one by it could direct the other.
    private Rejection? CallsignClash(string unitId, string callsign) =>
        stream.Projection.Callsigns.Clash(unitId, callsign)?.Refuses(callsign, $"already enrolled in incident '{IncidentId}'");

    public Task<Rejection?> ChangeRole(string unitId, UnitRole role, string actor, UnitRole? was = null) =>
        CommandAsync(() => stream.Projection.Units.TryGetValue(unitId, out var unit)
            // Set to the role it holds, it is as asked: nothing is recorded, or the feed and its log said it was reassigned.
            ? unit.Role == role
                ? Decision.Refuse(RejectReason.Duplicate, $"unit '{Clip(unitId)}' is already {UnitRoles.Name(role)}: nothing recorded")
                : was is { } from && from != unit.Role
                    ? Decision.Refuse(RejectReason.RoleChanged, RoleChanged(unit, from, role))
                    : Decision.Do(new UnitRoleChanged(unitId, role, actor))
            : Decision.Refuse(RejectReason.UnknownUnit, $"unit '{unitId}' is not enrolled"));

    // Two commanders on one unit: the one whose change (or undo) was made from a role the unit no longer holds is told
    // what it holds now, rather than undoing the other's reassignment unseen.
    private static string RoleChanged(UnitEntry unit, UnitRole was, UnitRole role) =>
        $"{unit.Callsign} is {UnitRoles.Name(unit.Role)} now, not {UnitRoles.Name(was)}: someone else reassigned it meanwhile, "
        + $"so it was not made {UnitRoles.Name(role)}; choose again if it should be";

    public Task<Rejection?> Release(string unitId, string reason, string actor) =>
        CommandAsync(() => string.IsNullOrWhiteSpace(reason)
            ? Decision.Refuse(RejectReason.MissingField, "a release needs a reason: it is in the record and the paperwork")
            : stream.Projection.Units.ContainsKey(unitId)
                ? Decision.Do(new UnitReleased(unitId, reason.Trim(), actor))
                : stream.Projection.Released.GetValueOrDefault(unitId) is { } let
                    ? Decision.Refuse(RejectReason.Duplicate, FormattableString.Invariant($"unit '{Clip(unitId)}' was released already, at {let.Time.UtcDateTime:HH:mm:ss} UTC by {let.Actor}"))
                    : Decision.Refuse(RejectReason.UnknownUnit, $"unit '{Clip(unitId)}' is not enrolled"));

    public Task<Rejection?> Alarm(string unitId, string kind, bool cancelled, Domain.Geometry.GeoPoint? position, string actor) =>
        CommandAsync(() => stream.Projection.Units.ContainsKey(unitId)
            ? Decision.Do(new UnitAlarmed(unitId, kind, cancelled, position, actor))
            : Decision.Refuse(RejectReason.UnknownUnit, $"unit '{unitId}' is not enrolled: its alert is not taken"));

    public Task<Rejection?> SignOff(string unitId, string actor) =>
        CommandAsync(() => stream.Projection.Units.GetValueOrDefault(unitId) switch
        {
            null => Decision.Refuse(RejectReason.UnknownUnit, $"unit '{Clip(unitId)}' is not enrolled: its device's sign-off is not taken"),
            { SignedOff: { } off } => Decision.Refuse(RejectReason.Duplicate,
                FormattableString.Invariant($"unit '{unitId}' signed off at {off.At.UtcDateTime:HH:mm:ss}Z and has not reported since")),
            _ => Decision.Do(new UnitSignedOff(unitId, actor)),
        });

    public async Task<Rejection?> NoteSource(string sourceId, string name, bool down, string? detail, string host, DateTimeOffset? since = null, bool throttled = false)
    {
        // Said again as it stands is no input: it neither records nor keeps the incident from going idle. A source down
        // stays down for the reason first said, whatever each try since says (it is down the whole time); one refusing
        // part of what comes that goes down, or back to refusing part, is a change.
        throttled &= down;
        var stands = stream.Projection.SourcesDown.GetValueOrDefault(sourceId);
        if (stream.Exists && !stream.IsClosed && down == (stands is not null) && (!down || stands!.Throttled == throttled))
        {
            return new Rejection(RejectReason.Duplicate, $"source '{Clip(sourceId)}' is already recorded {(throttled ? "refusing part of what comes" : down ? "down" : "heard")}");
        }

        return await CommandAsync(() => Decision.Do(new SourceChanged(sourceId, name, down, down ? detail : null, host, down ? since : null, throttled)));
    }

    public async Task<int> HostLeft(string host, string by, int? generation = null, bool restarted = false, DateTimeOffset? lastHeard = null)
    {
        // Read from the incident as recorded: one that cannot reach its recording says so, and is told again.
        await ThrowIfUnavailableAsync();
        var recorded = await CommandAsync(() => stream.Projection.HostsDeparted.Contains(HostDeparted.Key(host, generation))
            ? Decision.Refuse(RejectReason.Duplicate, $"this run of host {host} is already recorded as having left the cluster")
            : Decision.Do(new HostDeparted(host, by, generation, restarted, lastHeard))) is null ? 1 : 0;
        foreach (var outage in stream.Projection.SourcesDown.Values.Where(o => o.Host == host && o.SourceId.EndsWith($"@{host}", StringComparison.Ordinal)).ToList())
        {
            recorded += await CommandAsync(() => Decision.Do(new SourceChanged(outage.SourceId, outage.Name, false, $"its host {host} left the cluster", by))) is null ? 1 : 0;
        }

        return recorded;
    }

    public Task<Rejection?> NoteHole(RecordingInterrupted hole) =>
        CommandAsync(() => stream.Projection.Holes.Contains(RecordingInterrupted.Key(hole.Host, hole.From))
            ? Decision.Refuse(RejectReason.Duplicate, $"host {Clip(hole.Host)} has told of the hole in the record from {hole.From:u} before")
            : Decision.Do(hole));

    public Task<Rejection?> SendInstead(string unitId, string answeringFlag, string actor) =>
        CommandAsync(() =>
        {
            var p = stream.Projection;
            if (!p.Units.ContainsKey(unitId))
            {
                return Decision.Refuse(RejectReason.UnknownUnit, $"unit '{unitId}' is not enrolled");
            }

            if (FlagUp(answeringFlag) is { } none)
            {
                return Decision.Refuse(none.Reason, none.Detail);
            }

            if (p.FlagOn(answeringFlag) is not { Rule: ClosingAssessment.NotClosingRule } || p.Assess(answeringFlag) is not { ThreatId: { } threatId })
            {
                return Decision.Refuse(RejectReason.NoFlagUp, $"'{answeringFlag}' has no flag up for not closing on a threat");
            }

            return Decision.Do(new UnitRoleChanged(unitId, UnitRole.Contact, actor, answeringFlag, threatId));
        });

    public Task<Rejection?> Acknowledge(string subject, string reason, string actor) =>
        CommandAsync(() => string.IsNullOrWhiteSpace(reason)
            ? Decision.Refuse(RejectReason.MissingField, "an acknowledgement needs a reason")
            : FlagUp(subject) is { } none
                ? Decision.Refuse(none.Reason, none.Detail)
                : stream.Projection.Acknowledgement(subject) is { Actor.Length: > 0 } standing && standing.Actor != actor
                    ? Decision.Refuse(RejectReason.AlreadyAcknowledged, AlreadyAcknowledged(standing))
                    : Decision.Do(new FlagAcknowledged(subject, actor, reason)));

    // Who keeps the flag quiet, when and why: the second commander is told, as a second "contained" is.
    private static string AlreadyAcknowledged(FlagAcknowledged standing) =>
        $"the flag on '{standing.Subject}' is already acknowledged{(standing.Actor.Length > 0 ? $" by {standing.Actor}" : "")} at {standing.Time.UtcDateTime:HH:mm:ss} UTC"
        + (standing.Reason.Length > 0 ? $" ({standing.Reason})" : "")
        + "; it is not acknowledged again by another commander while that acknowledgement keeps it quiet: a note records more";

    /// <summary>
    /// Null when <paramref name="subject"/> (a unit, or <c>zone:{zoneId}</c>) has a flag up; else why a command on its
    /// flag cannot be taken: the incident has no such subject, or it has no flag up.
    /// </summary>
    private Rejection? FlagUp(string subject)
    {
        var p = stream.Projection;
        var known = p.Units.ContainsKey(subject) || p.Site!.Zones.Any(z => ClosingAssessment.ZoneSubject(z.ZoneId) == subject);
        return !known ? new Rejection(RejectReason.UnknownUnit, $"incident '{IncidentId}' has no unit or zone '{subject}'")
            : p.FlagOn(subject) is null ? new Rejection(RejectReason.NoFlagUp, $"'{subject}' has no flag up")
            : null;
    }

    public Task<bool> Holds(string unitId) =>
        Task.FromResult(unavailable is not null || claiming.Contains(unitId) || (stream.Exists && !stream.IsClosed && stream.Projection.Units.ContainsKey(unitId)));

    public Task<Rejection?> RecordDrill(string action, string scenario, string actor, int? round = null, double? speed = null, DateTimeOffset? stoodSince = null) =>
        CommandAsync(() => action == DrillControlled.StartOver ? StartOver(scenario, actor, round)
            : Decision.Do(new DrillControlled(action, scenario, Unplayed(action, actor, stoodSince), round, speed, StoodStill(stoodSince), stoodSince)));

    // A drill carried on after its host went down is said with how long no host played it, to this carry-on, as the
    // after-action report measures it from the same record: "drill (carried on at 2:00 of loop 1 after its host stopped;
    // not played for 0:07, which counts toward no hold)". Measured by the drill before its incident had come up on the
    // new host, the feed said 0:06 where the report said 0:07.
    private string Unplayed(string action, string actor, DateTimeOffset? since)
    {
        var at = stream.TimeOf(clock.GetUtcNow());
        return action == DrillControlled.CarryOn && since is { } s && at - s >= TimeSpan.FromSeconds(1) && actor.EndsWith(')')
            ? $"{actor[..^1]}; not played for {Domain.AfterAction.Durations.Clock(at - s)}, which counts toward no hold)"
            : actor;
    }

    // A start-over begins the incident's next round, whoever says it: said again, or out of turn, the after-action report
    // read "round 3", "round 2", "round 2" and then numbered its rounds on from a count nobody kept.
    private Decision StartOver(string scenario, string actor, int? round)
    {
        var next = stream.Projection.Round + 1;
        return round is null or < 2 or > InputLimits.MaxRound || round == next
            ? Decision.Do(new DrillControlled(DrillControlled.StartOver, scenario, actor, round ?? next))
            : Decision.Refuse(RejectReason.RoundOutOfTurn,
                $"incident '{IncidentId}' plays round {next - 1}, so a start-over begins round {next}, not {round}; leave the round out to begin the next");
    }

    // Judged, never before the latest event: a fix taken then was placed on the drill's clock as it ran, and the clock
    // does not run back past it. The drill's own word of it is kept beside, for the report to measure the drill by.
    private DateTimeOffset? StoodStill(DateTimeOffset? since) =>
        since is { } s && stream.Exists ? (s > stream.Projection.Clock ? s : stream.Projection.Clock) : since;

    public Task<Rejection?> SetExercise(Exercise exercise, string actor) =>
        CommandAsync(() => Decision.Do(new ExerciseSet(exercise, actor)));

    public async Task<ImmutableArray<UnitAssessment>> GetUnits()
    {
        await ThrowIfUnavailableAsync();
        return [.. stream.Projection.AssessAll()];
    }

    public async Task ReadModelsTold()
    {
        await recorder.Idle;
        await readSide.Told();
    }

    public async Task<IncidentFrame?> GetFullFrame()
    {
        await ThrowIfUnavailableAsync();
        // A view starts from what is recorded: wait for what was folded before it asked.
        await recorder.Idle;
        return stream.Exists ? FrameCoalescer.Full(IncidentId, stream.Projection, stream.LastSequence) : null;
    }

    public Task<bool> Subscribe(IIncidentObserver observer)
    {
        var added = !observers.Observers.ContainsKey(observer);
        observers.Subscribe(observer, observer);
        frames.Watched(stream);
        ticker?.Watched(observers.Count > 0);
        return Task.FromResult(added);
    }

    public Task Unsubscribe(IIncidentObserver observer)
    {
        observers.Unsubscribe(observer);
        if (observers.Count == 0)
        {
            frames.Unwatched();
        }

        ticker?.Watched(observers.Count > 0);
        return Task.CompletedTask;
    }

    private async Task<Rejection?> CommandAsync(Func<Decision> decide)
    {
        if ((await UnavailableAsync() ?? Missing()) is { } rejection)
        {
            return rejection;
        }

        lastInput = clock.GetUtcNow();
        var decision = decide();
        if ((decision.Rejection ?? InputLimits.Check(decision.Event!)) is { } refused)
        {
            return refused;
        }

        if (await FoldAsync(decision.Event!) is { } unprocessable)
        {
            return unprocessable;
        }

        await PersistAsync();
        return null;
    }

    private async Task<Rejection?> FoldAsync(IncidentEvent input)
    {
        var batch = new List<IncidentEvent>(4);
        var rejection = stream.Record(input, clock.GetUtcNow(), batch);
        try
        {
            await RecordAsync(batch);
        }
        catch (Exception ex) when (IsRecordingDown(ex))
        {
            return new Rejection(RejectReason.Unavailable, $"incident '{IncidentId}' cannot record now ({ex.GetType().Name}); try again shortly");
        }

        return rejection;
    }

    // Recording failed and nothing was kept (the incident starts again from what is recorded): the caller may try
    // again. Any failure to record qualifies; the grain cannot tell storage down from a session moved elsewhere.
    private static bool IsRecordingDown(Exception ex) => ex is not (OperationCanceledException or ArgumentException);

    /// <summary>
    /// Hands a folded batch to the recording before anything else can fold, then waits for it; once it is recorded
    /// its changes may be shown and told. A batch that cannot be recorded leaves the fold ahead of the recording: the
    /// incident deactivates and starts again from its recording.
    /// </summary>
    private async Task RecordAsync(List<IncidentEvent> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        frames.Folded(batch);
        try
        {
            await recorder.AppendAsync(batch, stream);
        }
        catch (Exception ex)
        {
            LogRecordingFailed(logger, ex, IncidentId, batch[0].Sequence, batch.Count);
            frames.NotRecording(stream, RecordingStopped.Of(ex, clock.GetUtcNow()));
            frames.Stop();
            DeactivateOnIdle();
            throw;
        }

        if (stream.Damaged)
        {
            // The fold threw part-way through an input (recorded as refused): start again from the recording.
            LogFoldDamaged(logger, stream.DamagedBy, IncidentId, batch[^1].Sequence);
            frames.Stop();
            DeactivateOnIdle();
            return;
        }

        frames.Recorded(batch[^1].Sequence, stream);
        readSide.Recorded(batch, stream);
    }

    private async ValueTask ThrowIfUnavailableAsync()
    {
        if (await UnavailableAsync() is { } unavailable)
        {
            throw new IncidentUnavailableException(IncidentId, unavailable.Detail);
        }
    }

    private Rejection? Missing() =>
        !stream.Exists ? new Rejection(RejectReason.UnknownIncident, $"incident '{IncidentId}' does not exist")
        : stream.IsClosed ? Rejection.Closed(IncidentId, stream.Projection.ClosedAt!.Value)
        : null;

    private Directory.IIncidentDirectoryGrain Directory() =>
        GrainFactory.GetGrain<Directory.IIncidentDirectoryGrain>(Grains.Directory.IIncidentDirectoryGrain.Key);

    private Task ListAsync() =>
        Directory().Register(new Directory.IncidentListing(IncidentId, stream.Projection.Name, stream.Projection.OpenedAt!.Value, stream.Projection.ClosedAt));
}
