using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Units;

namespace Command.Domain.AfterAction;

/// <summary>What an after-action team measures in one recorded session: a fold over its events.</summary>
/// <param name="Incident">Incident-wide metrics.</param>
/// <param name="Units">
/// Per-unit metrics, one for each round of the drill a unit played in (<see cref="UnitMetrics.Round"/>: a drill started
/// over judges every unit afresh), by round and in order of enrolment: a session never started over has one per unit.
/// </param>
/// <param name="Distances">Distance to the threat over time, per unit, sampled.</param>
/// <param name="Flags">Flag spans per subject, from raised to cleared (open at the end when never cleared).</param>
/// <param name="Timeline">Flags, acknowledgements and threat phases in time order.</param>
/// <param name="Activity">Notable activity per unit and for incident command, in time order: what the ICS-214 logs list.</param>
/// <param name="Exercise">The exercise the incident was run as (scenario, objectives), when one was set.</param>
/// <param name="DrillClockSpans">
/// The drill's clock its units were judged on, where a drill set it (played fast, paused): durations in this report are
/// on it (<see cref="Elapsed"/>), so a hold the script makes four minutes long measures four minutes however the drill
/// was played, and a pause is no one's hold. Times of day are the incident's. Absent where no drill set it.
/// </param>
/// <param name="Zones">The site's zones, by which <see cref="Named"/> names a zone's flags; absent where the site has none.</param>
/// <param name="Roles">
/// Every unit's roles in turn, in order of enrolment, each with the judgement figures earned in it (<see cref="RolesOf"/>):
/// a unit's <see cref="UnitMetrics.Role"/> is only its last. Absent from a report made before they were kept.
/// </param>
/// <param name="FixesLost">
/// Each unit's fixes lost while a host that left the cluster was down, or while it went unheard long enough to be shown
/// stale, in time order (<see cref="AfterAction.FixesLost"/>); absent where none was.
/// </param>
/// <param name="ClosingRoles">
/// The roles judged as closing on the threat, as the session's opening recorded its assessment (the defaults where it
/// recorded none, as a report made before they were kept does): a unit in one that never reached the threat did not do
/// its job, where one in another did.
/// </param>
public sealed record AfterActionReport(
    IncidentMetrics Incident,
    ImmutableArray<UnitMetrics> Units,
    ImmutableArray<DistanceSample> Distances,
    ImmutableArray<FlagSpan> Flags,
    ImmutableArray<TimelineMark> Timeline,
    ImmutableArray<ActivityEntry> Activity,
    Exercises.Exercise? Exercise,
    ImmutableArray<Incidents.DrillClockSpan>? DrillClockSpans = null,
    ImmutableArray<ReportZone>? Zones = null,
    ImmutableArray<RoleHeld>? Roles = null,
    ImmutableArray<FixesLost>? FixesLost = null,
    ImmutableArray<UnitRole>? ClosingRoles = null)
{
    /// <summary>Whether units in <paramref name="role"/> were judged as closing on the threat (<see cref="ClosingRoles"/>).</summary>
    public bool Closes(UnitRole role) => ClosingRoles is { } roles ? roles.Contains(role) : AssessmentOptions.Default.ClosingRoles.Contains(role);

    /// <summary>
    /// Where <paramref name="unitId"/>'s fixes were lost while a host was down, or it went unheard, up to <paramref name="at"/>,
    /// its first fix back: a moment set there (a first on scene, inside, in contact) happened at or before it, not at it.
    /// Null otherwise.
    /// </summary>
    public FixesLost? LostUntil(string unitId, DateTimeOffset at) => FixesLost?.FirstOrDefault(l => l.UnitId == unitId && l.HeardAgain == at);

    /// <summary>
    /// The roles <paramref name="unit"/> held in turn in its round, first its first, each with the figures earned in it;
    /// one, its role with all its figures, where the report kept none.
    /// </summary>
    public IReadOnlyList<RoleHeld> RolesOf(UnitMetrics unit) =>
        Roles is { } roles && roles.Where(r => r.UnitId == unit.UnitId && r.Round == unit.Round).ToList() is { Count: > 0 } held
            ? held
            : [new RoleHeld(unit.UnitId, unit.Role, unit.EnrolledAt, unit.FlagsRaised, unit.LongestFlaggedHold, unit.TimeToContact, unit.Round)];

    /// <summary>
    /// Each unit once, in order of enrolment, as the first round it played has it: for what lists a unit, not its rounds
    /// (its ICS-214 log, its plot, a chart's series); its figures are that round's alone.
    /// </summary>
    public IEnumerable<UnitMetrics> EachUnit => Units.DistinctBy(u => u.UnitId);

    /// <summary>
    /// The roles <paramref name="unit"/> held in turn over every round it played: a role it began a round in, held as
    /// the round before ended, is no change.
    /// </summary>
    public IReadOnlyList<RoleHeld> RolesThroughout(UnitMetrics unit)
    {
        var held = new List<RoleHeld>();
        foreach (var row in Units.Where(u => u.UnitId == unit.UnitId))
        {
            held.AddRange(RolesOf(row).Where(r => held.Count == 0 || r.Role != held[^1].Role));
        }

        return held.Count > 0 ? held : RolesOf(unit);
    }

    /// <summary>How long <paramref name="unit"/> was flagged over every round it played: which plots to draw first.</summary>
    public TimeSpan FlaggedThroughout(UnitMetrics unit) =>
        Units.Where(u => u.UnitId == unit.UnitId).Aggregate(TimeSpan.Zero, (sum, u) => sum + u.TotalFlaggedHold);

    /// <summary>The closest <paramref name="unit"/> came to the threat in any round it played.</summary>
    public double? ClosestThroughout(UnitMetrics unit) => Units.Where(u => u.UnitId == unit.UnitId).Min(u => u.ClosestApproachM);

    /// <summary>The rounds the units played, in order: [1] for a drill never started over.</summary>
    public IReadOnlyList<int> Rounds => [.. Units.Select(u => u.Round).Distinct().Order()];

    /// <summary>How long from <paramref name="from"/> to <paramref name="to"/> (times of the incident's clock) on the clock units were judged on.</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to)
    {
        if (DrillClockSpans is not { Length: > 0 } spans)
        {
            return to - from;
        }

        var clock = new Incidents.DrillClock();
        clock.Restore(spans);
        return clock.Elapsed(from, to);
    }

    /// <summary>
    /// A unit (or any subject) as its readers know it: its callsign, with its id beside where they differ ("ALPHA 7
    /// (ANDROID-589520ccfcd20f01)"); a zone by its kind and name ("hot zone Main hall"), never "zone:hot"; any other
    /// subject, or a unit with no callsign, by its id. From TAK devices the ids are device uids no after-action team
    /// would recognise. A radio enrolled with its id beside a callsign another unit had (<see cref="Units.CallsignBook.Distinct"/>)
    /// is named by that callsign, its id not said twice.
    /// </summary>
    public string Named(string id) =>
        Units.FirstOrDefault(u => u.UnitId == id) is { } unit
            ? UnitNames.Of(id, unit.Callsign)
            : ReportZone.Find(Zones, id)?.Described ?? id;
}

/// <summary>
/// Incident-wide metrics. Durations count from the threat going active (or the incident opening if it never did).
/// <paramref name="FlagsSuppressedAt"/> is when flags were first suppressed (a threat declared contained or neutralized,
/// none active), <paramref name="Suppression"/> that declaration in words, and <paramref name="UnitsHeldWhileSuppressed"/>
/// how many units held long enough to have been flagged while flags were suppressed. <paramref name="DrillClock"/> says how a
/// drill's clock ran (<see cref="DrillPlay"/>), where one set it: durations are then on it. <paramref name="ClosedAt"/> is
/// when the incident was closed, as its recording holds it; null while it is still open (or never was closed), when
/// every figure covers only the recording so far (<see cref="AfterActionWords.StillOpen"/>). Of a drill that started
/// over, every figure of a round (the firsts, threat phases, flags, units held while suppressed) is its first round's,
/// and <paramref name="Rounds"/> holds each round's; absent for a drill never started over. <paramref name="RecordingDamaged"/>
/// says where the recording is damaged and is read only up to, in words, where it is: every figure covers the recording
/// up to there. <paramref name="FlagsRaisedOnZones"/> is how many of <paramref name="FlagsRaised"/> were raised on a zone
/// (a hot zone with no contact unit, say) rather than on a unit: the rest are what the units' own counts add up to.
/// </summary>
public sealed record IncidentMetrics(
    string IncidentId,
    string Name,
    string Site,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? ThreatActiveAt,
    UnitMoment? FirstOnScene,
    UnitMoment? FirstEntry,
    UnitMoment? FirstContact,
    TimeSpan? TimeToContact,
    DateTimeOffset? ContainedAt,
    TimeSpan? TimeToContained,
    DateTimeOffset? NeutralizedAt,
    TimeSpan? TimeToNeutralized,
    int FlagsRaised,
    int FlagsAcknowledged,
    ImmutableArray<RejectionCount> Rejected,
    long EventCount,
    DateTimeOffset? FlagsSuppressedAt = null,
    string? Suppression = null,
    int UnitsHeldWhileSuppressed = 0,
    string? TimeZone = null,
    string? Scenario = null,
    string? ScenarioVersion = null,
    string? DrillClock = null,
    DateTimeOffset? ClosedAt = null,
    ImmutableArray<RoundMetrics>? Rounds = null,
    string? RecordingDamaged = null,
    int FlagsRaisedOnZones = 0);

/// <summary>
/// The incident's figures in one round of a drill started over: its firsts, threat phases and flags, durations from
/// its threat going active (or its start, where it never did), a flag counted in the round it was raised in, and of its
/// flags how many were raised on a zone rather than on a unit.
/// </summary>
public sealed record RoundMetrics(
    int Round,
    DateTimeOffset? StartedAt,
    DateTimeOffset? ThreatActiveAt,
    UnitMoment? FirstOnScene,
    UnitMoment? FirstEntry,
    UnitMoment? FirstContact,
    TimeSpan? TimeToContact,
    DateTimeOffset? ContainedAt,
    TimeSpan? TimeToContained,
    DateTimeOffset? NeutralizedAt,
    TimeSpan? TimeToNeutralized,
    int FlagsRaised,
    int FlagsAcknowledged,
    int FlagsRaisedOnZones = 0);

/// <summary>A unit and the instant something first happened to it.</summary>
public sealed record UnitMoment(string UnitId, DateTimeOffset Time);

/// <summary>How many inputs were rejected for one reason (kebab-case name).</summary>
public sealed record RejectionCount(string Reason, int Count);

/// <summary>One unit's metrics.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Callsign">Its callsign.</param>
/// <param name="Role">Its last role.</param>
/// <param name="EnrolledAt">When it joined the incident.</param>
/// <param name="FirstOnSite">First fix inside a building or zone, or within the on-site radius of the origin.</param>
/// <param name="FirstEntry">
/// First fix at which the unit stood (the middle of its latest three fixes) inside the building the threat is in; where
/// the threat is in none, inside a hot zone; where the site has none, inside any building.
/// </param>
/// <param name="ReachedContact">
/// First fix at which the unit stood (the middle of its latest three fixes) within the contact radius of the threat,
/// inside the threat's building where it is in one, and not on another floor where its source and the threat's say.
/// </param>
/// <param name="TimeToContact">From enrolment or the round's threat going active, whichever is later, to contact.</param>
/// <param name="TotalFlaggedHold">Total time flagged (raised to cleared).</param>
/// <param name="LongestFlaggedHold">Longest single flag.</param>
/// <param name="FlagsRaised">Flags raised on the unit.</param>
/// <param name="Acknowledgements">Acknowledgements of its flags.</param>
/// <param name="ClosestApproachM">Closest straight-line distance to the threat where the unit stood (the middle of its latest three fixes), metres.</param>
/// <param name="HeldWhileSuppressed">How long the unit held (or moved away) while flags were suppressed, from when it would have been flagged.</param>
/// <param name="Person">Who staffs the unit, as enrolled; null when not known.</param>
/// <param name="ReportsRefused">How many of the unit's reports were refused (a repeat of a fix already taken is not counted).</param>
/// <param name="ReportsTaken">How many of the unit's reports were taken in: with <paramref name="UsualIntervalS"/>, what its flags and contact times rest on.</param>
/// <param name="UsualIntervalS">The median interval between its reports, seconds to a tenth; null with fewer than two.</param>
/// <param name="ClockCorrectionS">
/// How far its device's clock was found off the host's, seconds, at the most (positive: behind), where the host put its
/// fix times right by it; null where it never did. The after-action team's list of devices to set the time of.
/// </param>
/// <param name="LongestGap">
/// Its longest gap between two reports in the round, where longer than its cadence explains (<see cref="ReportGap.Unexplained"/>),
/// with the host whose leaving the cluster took its fixes with it, where one did; null otherwise.
/// </param>
/// <param name="Round">
/// The round of its drill these figures are of: 1, or for a drill started over, the round it played (see
/// <see cref="AfterActionReport.Units"/>). Every figure but its enrolment and person is that round's alone.
/// </param>
/// <param name="Silent">
/// Where it was not heard again from its last report to the end of the record (as its ICS-214 log says it), on the row of
/// the round it was last heard in; null otherwise.
/// </param>
/// <param name="OutOfContact">
/// Its time out of contact after it first reached the threat in the round: each time it stood out of contact for 30 s,
/// until it was back at the threat (as its ICS-214 log says), or, where it never came back, to the end of the record
/// (its last report, where it fell silent). Zero where it never left; null where it never reached the threat.
/// </param>
/// <param name="DeliveredLate">The run of its fixes in the round that reached the incident longest after their time, where any came late together (<see cref="LateDelivery"/>); null otherwise.</param>
/// <param name="Released">Its release from the incident (when, why, by whom), on the row of its last round, where it was let go and not enrolled again; null otherwise.</param>
/// <param name="WeekRolloverEras">
/// The GPS eras of 1,024 weeks its receiver dated its fixes back by in the round, and they were put right by, where it is
/// past its week rollover (<see cref="Reports.PositionReport.WeekRolloverEras"/>): its firmware wants updating; null otherwise.
/// </param>
public sealed record UnitMetrics(
    string UnitId,
    string Callsign,
    UnitRole Role,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? FirstOnSite,
    DateTimeOffset? FirstEntry,
    DateTimeOffset? ReachedContact,
    TimeSpan? TimeToContact,
    TimeSpan TotalFlaggedHold,
    TimeSpan LongestFlaggedHold,
    int FlagsRaised,
    int Acknowledgements,
    double? ClosestApproachM,
    TimeSpan HeldWhileSuppressed = default,
    UnitPerson? Person = null,
    int ReportsRefused = 0,
    int ReportsTaken = 0,
    double? UsualIntervalS = null,
    double? ClockCorrectionS = null,
    int Round = 1,
    ReportGap? LongestGap = null,
    SilentToEnd? Silent = null,
    TimeSpan? OutOfContact = null,
    Events.UnitReleased? Released = null,
    LateDelivery? DeliveredLate = null,
    int? WeekRolloverEras = null);

/// <summary>
/// A role a unit held, from <paramref name="From"/> until its next one or the end, and the judgement figures it earned
/// in it: a flag counts in the role the unit held when it was raised, contact in the role it held when it reached the threat.
/// </summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Role">The role.</param>
/// <param name="From">Since when: its enrolment, or its reassignment.</param>
/// <param name="FlagsRaised">Flags raised on it in the role.</param>
/// <param name="LongestFlaggedHold">The longest of them.</param>
/// <param name="TimeToContact">Its time to contact (<see cref="UnitMetrics.TimeToContact"/>) where it reached the threat in the role; null otherwise.</param>
/// <param name="Round">The round of the drill it held the role in (<see cref="UnitMetrics.Round"/>).</param>
public sealed record RoleHeld(string UnitId, UnitRole Role, DateTimeOffset From, int FlagsRaised, TimeSpan LongestFlaggedHold, TimeSpan? TimeToContact, int Round = 1);

/// <summary>A unit's straight-line distance to the nearest active threat at one fix.</summary>
public sealed record DistanceSample(string UnitId, DateTimeOffset Time, double DistanceM);

/// <summary>
/// A flag on a subject from raised to cleared; <paramref name="Level"/> is the highest it reached, and
/// <paramref name="Escalated"/> when it reached it, where it was raised lower (a watch that became an alert);
/// <paramref name="Acknowledged"/> when a commander first acknowledged it, <paramref name="AcknowledgedBy"/> who and
/// <paramref name="AcknowledgedReason"/> why, and <paramref name="Acknowledgements"/> how often it was acknowledged in all
/// (renewals counted, as a unit's <see cref="UnitMetrics.Acknowledgements"/> counts them). A flag brought back when its
/// acknowledgement ran out, with no clearing between, is the same flag: one hold from its first raising.
/// <paramref name="Unrecorded"/> is the time within it, on the clock units were judged on, in which the incident's host was
/// down and nothing was recorded (<see cref="Events.IncidentResumed"/>): not counted in the unit's held time, and said.
/// </summary>
public sealed record FlagSpan(string Subject, FlagLevel Level, string Reason, DateTimeOffset Raised, DateTimeOffset? Cleared, DateTimeOffset? Escalated = null,
    DateTimeOffset? Acknowledged = null, string? AcknowledgedBy = null, string? AcknowledgedReason = null, int Acknowledgements = 0,
    TimeSpan Unrecorded = default);

/// <summary>
/// A timeline marker: kind is flag-raised, flag-escalated, flag-cleared, flag-acknowledged, threat-phase, sent-instead,
/// send-instead-proposed, suppressed-hold or drill-started-over.
/// </summary>
public sealed record TimelineMark(DateTimeOffset Time, string Kind, string Subject, string Text);

/// <summary>
/// One notable thing in a unit's or incident command's day, as the ICS-214 activity log lists it.
/// </summary>
/// <param name="Time">When it happened (incident time, UTC).</param>
/// <param name="UnitId">The unit whose log it belongs in; null for the incident command position.</param>
/// <param name="Kind">enrolled, role-changed, on-site, entry, contact, flag-raised, flag-escalated, flag-cleared, flag-acknowledged, threat-set, threat-phase, drill, device-clock, refused, silent (its device not heard for a while, or again), closed.</param>
/// <param name="Text">What happened, in plain words.</param>
public sealed record ActivityEntry(DateTimeOffset Time, string? UnitId, string Kind, string Text);
