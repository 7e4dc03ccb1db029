using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Exercises;
using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Domain.Views;

namespace Command.Grains.Incidents;

/// <summary>
/// One incident: its site, threats, roster and assessment, and the event stream that records them. Keyed by
/// incident id. Commands return null on success or the rejection that explains why nothing changed.
/// </summary>
public interface IIncidentGrain : IFrameSource
{
    Task<Rejection?> Open(OpenIncident command);

    /// <summary>
    /// Closes the incident (recorded with who and why): it folds nothing more, stops ticking, lets its units go and
    /// leaves memory; its recording stays for replay and reports.
    /// </summary>
    Task<Rejection?> Close(string reason, string actor);

    Task<IncidentView?> GetView();

    /// <summary>
    /// Places or moves a threat; a change of phase to contained or neutralized needs a reason (it suppresses flags). The
    /// threat sent again as it stands (a marker re-sent, a request sent again) records nothing and is answered as a
    /// duplicate (see <see cref="ThreatRepeats"/>): the threat is as asked. A hostile marker (reason "marker") of another uid
    /// than the one that placed a threat declared contained or neutralized, or dropped more than 30 m from an active one, is
    /// recorded as a sighting of it, which moves nothing (see <see cref="ThreatSightings"/>).
    /// </summary>
    Task<Rejection?> SetThreat(Threat threat, string actor, string? reason = null);

    /// <summary>Changes a threat's phase; to contained or neutralized only with a reason (it suppresses flags).</summary>
    Task<Rejection?> SetThreatPhase(string threatId, ThreatPhase phase, string actor, string? reason = null);

    /// <summary>
    /// Records that a device deleted <paramref name="marker"/> from its map, or marked it as other than hostile
    /// (<paramref name="became"/>), where the marker placed one of the incident's threats: the threat stays, in its place
    /// and phase, and says so; the actor names the device's unit where <paramref name="device"/> is one enrolled here. Where
    /// the marker is a sighting of one of them, the sighting is said no more.
    /// Refused as not-a-position where the marker placed none of them, and as a duplicate where the same is already
    /// recorded of it.
    /// </summary>
    Task<Rejection?> DeleteMarker(string marker, string actor, string? device = null, string? became = null);

    /// <summary>Enrols a unit; <paramref name="person"/> names who staffs it, for the ICS-214 log, when known.</summary>
    Task<Rejection?> Enrol(string unitId, string callsign, UnitRole role, string actor, UnitPerson? person = null);

    /// <summary>
    /// Reassigns a unit. Given <paramref name="was"/>, the role the change was made from, a unit that holds another now
    /// (reassigned meanwhile by someone else) is refused <see cref="RejectReason.RoleChanged"/> rather than changed.
    /// </summary>
    Task<Rejection?> ChangeRole(string unitId, UnitRole role, string actor, UnitRole? was = null);

    /// <summary>
    /// Lets a unit go from the incident, with why (<see cref="UnitReleased"/>): it leaves the board and is judged no more,
    /// and its unit grain is told, so another incident may enrol it. Its reports are refused here from now on, and it is
    /// not enrolled again as it reports, until a commander enrols it here again. Refused without a reason, for a unit the
    /// incident does not have, and as a duplicate for one released already.
    /// </summary>
    Task<Rejection?> Release(string unitId, string reason, string actor);

    /// <summary>
    /// Enrols the units, and reassigns those enrolled here already to the role given, all or none: each new unit is claimed
    /// from its unit grain first, and one another incident holds refuses the whole (naming it), the claims already made
    /// given back. Where <paramref name="site"/> is given the incident is given its site as <see cref="SetSite"/> gives one,
    /// recorded as it says (by whom, and for a drill's start which scenario's), first in the same recorded batch. A unit
    /// this incident is claiming is held by it (see <see cref="Holds"/>).
    /// </summary>
    Task<Rejection?> EnrolAll(ImmutableArray<UnitToEnrol> units, string actor, SiteSet? site = null);

    /// <summary>
    /// Gives an incident opened with only an origin its site: buildings, zones, walk graph and time zone, judged by the rules
    /// every site obeys, and recorded (<see cref="SiteSet"/>). Refused (<c>already-exists</c>) where the incident has a site
    /// of its own already, which is not overwritten, and (<c>invalid-value</c>) where the site's origin is not the
    /// incident's: every fix and track is measured from it.
    /// </summary>
    Task<Rejection?> SetSite(Domain.Sites.Site site, string actor);

    /// <summary>
    /// Records an emergency a unit's own device raised or cancelled (a TAK alert): shown on its row until cancelled.
    /// Refused for a unit the incident does not have.
    /// </summary>
    Task<Rejection?> Alarm(string unitId, string kind, bool cancelled, Domain.Geometry.GeoPoint? position, string actor);

    /// <summary>
    /// Records that a unit's device signed off (a TAK <c>t-x-d-d</c> naming the device itself): the unit is stale from
    /// now until it reports again. Refused for a unit the incident does not have, and as a duplicate where it has not
    /// reported since it last signed off.
    /// </summary>
    Task<Rejection?> SignOff(string unitId, string actor);

    /// <summary>
    /// Records how a source of reports feeding the incident stands, as the host that runs it said (see
    /// <see cref="SourceChanged"/>): down, with why, refusing part of what comes (<paramref name="throttled"/>, as down),
    /// or heard again. Only a change is recorded: a source said down again while it is down (for whatever reason), or
    /// heard while it is not down, is a duplicate, and hosts say how their sources stand now and then. Refused where the
    /// incident does not exist or is closed.
    /// </summary>
    Task<Rejection?> NoteSource(string sourceId, string name, bool down, string? detail, string host, DateTimeOffset? since = null, bool throttled = false);

    /// <summary>
    /// Records that a run (<paramref name="generation"/>) of a host left the cluster, as <paramref name="by"/> (a host)
    /// found it (see <see cref="HostDeparted"/>), once whichever host tells; <paramref name="restarted"/> where a new run
    /// of it is up at its address. Each listener of that host the incident has down is no longer down, for the run that
    /// said so is gone (see <see cref="SourceChanged"/>); a new run says again how its own stand. Sources the cluster
    /// shares are told by whichever host holds them. Returns how many events it recorded: none where it had recorded that
    /// run's leaving before, or the incident does not exist or is closed. Throws <see cref="IncidentUnavailableException"/>
    /// while it cannot reach its recording. <paramref name="lastHeard"/> is when the cluster last heard from that run, where
    /// known: the leaving is recorded when the cluster noticed it, seconds later.
    /// </summary>
    Task<int> HostLeft(string host, string by, int? generation = null, bool restarted = false, DateTimeOffset? lastHeard = null);

    /// <summary>
    /// Records a hole in the record, as the host whose reports and commands were refused while the incident could not
    /// record tells it once it records again (see <see cref="RecordingInterrupted"/>). Refused as a duplicate where that
    /// host told of a hole beginning then before, and where the incident does not exist or is closed.
    /// </summary>
    Task<Rejection?> NoteHole(RecordingInterrupted hole);

    /// <summary>
    /// Sends a unit in to close on a threat instead of a flagged one: reassigns it to contact, recorded with the flag it
    /// answered. Refused when the unit is not enrolled or the subject has no flag up.
    /// </summary>
    Task<Rejection?> SendInstead(string unitId, string answeringFlag, string actor);

    Task<Rejection?> Acknowledge(string subject, string reason, string actor);

    /// <summary>
    /// Records a drill control. A <see cref="DrillControlled.StartOver"/> begins the incident's next round (the one after
    /// <see cref="IncidentView.Round"/>; a <paramref name="round"/> given must be it, else it is refused as
    /// <see cref="RejectReason.RoundOutOfTurn"/>, and left out it is that one) and starts every unit's judgement over: flags
    /// clear and last positions are forgotten. Its scenario is a scenario's name (<see cref="ScenarioName"/>), and a speed
    /// one a drill plays at, or 0 (<see cref="InputLimits"/>). A <paramref name="speed"/> sets the
    /// rate of the drill's clock units are judged on from now (0 paused; see <see cref="Domain.Incidents.DrillClock"/>). A
    /// drill carried on after its host went down says <paramref name="stoodSince"/>, when it last saved its clock: the drill's
    /// clock stood still from then (or from the incident's latest event, if later: what was judged stays judged). Both are
    /// recorded: the judging clock's (<see cref="DrillControlled.StoodSince"/>) and the drill's own
    /// (<see cref="DrillControlled.UnplayedSince"/>), which the after-action report measures the drill by; and the carry-on's
    /// actor, "drill (carried on at 2:00 of loop 1 after its host stopped)", is said with how long that was, measured to
    /// the carry-on as the report measures it ("…; not played for 0:07, which counts toward no hold)").
    /// </summary>
    Task<Rejection?> RecordDrill(string action, string scenario, string actor, int? round = null, double? speed = null, DateTimeOffset? stoodSince = null);

    /// <summary>Records what the incident is run as: scenario name and version, exercise objectives (the latest counts).</summary>
    Task<Rejection?> SetExercise(Exercise exercise, string actor);

    /// <summary>
    /// Null when the incident takes input now; else why not: it does not exist, was closed, or cannot record now. For
    /// a batch none of whose reports passed the stateless checks, which <see cref="Submit"/> answers nothing for.
    /// </summary>
    Task<Rejection?> Takes();

    /// <summary>
    /// Applies a batch of screened reports and records refused inputs. Returns, per report, null when accepted
    /// or the rejection its unit's history caused. Completes once all of it is in the recording.
    /// </summary>
    /// <remarks>
    /// Interleaves with other calls: the batch is folded before the call first waits, so batches are folded in the
    /// order they arrive, and a batch waiting on the recording does not hold up the next one.
    /// </remarks>
    /// <param name="reports">Reports that passed the stateless screen.</param>
    /// <param name="refused">Inputs already refused at ingest, to record with their reasons.</param>
    /// <param name="autoEnrol">Enrol unknown units (true), refuse them (false), or follow the incident (null).</param>
    [AlwaysInterleave]
    Task<ImmutableArray<Rejection?>> Submit(ImmutableArray<PositionReport> reports, ImmutableArray<InputRejected> refused, bool? autoEnrol);

    /// <summary>
    /// The latest fix the incident took of each of <paramref name="unitIds"/> whose fix time was put right for its
    /// device's clock: what a host that does not follow the device's clock yet (it started again, or the device reached it
    /// from another) takes it from, so its reports are put right from the first. Read from the fold, which the recording
    /// rebuilds after any host is lost; none for an incident that cannot answer now.
    /// </summary>
    [AlwaysInterleave]
    Task<ImmutableArray<PositionReport>> ClockCorrectedFixes(ImmutableArray<string> unitIds);

    /// <summary>Moves the incident's clock on to now, so silent units age; called by its own ticker.</summary>
    [AlwaysInterleave, OneWay]
    Task Tick();

    Task<ImmutableArray<UnitAssessment>> GetUnits();

    /// <summary>
    /// Completes once the unit and zone grains have been told everything recorded so far: a reader that must see its
    /// own writes there (the zone endpoint, a test) waits on this; the report path never does.
    /// </summary>
    [AlwaysInterleave]
    Task ReadModelsTold();

    /// <summary>
    /// True while this incident is open with the unit enrolled or being enrolled (claimed, not yet recorded), or cannot say (its recording cannot be read now): what a
    /// unit grain asks its holder before refusing the unit to another incident, so a release lost as a host went down
    /// does not keep the unit from every incident after this one closed. Interleaves, so an incident waiting on the unit
    /// grain still answers.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> Holds(string unitId);

    /// <summary>The silo this incident is active on, for an operator's diagnostics (and the cluster test that kills it).</summary>
    [AlwaysInterleave]
    Task<SiloAddress> Silo();
}
