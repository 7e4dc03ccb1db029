using System.Collections.Immutable;
using Command.Domain.Geometry;

namespace Command.Domain.Assessment;

/// <summary>
/// Everything the assessment remembers between events, as a value: a snapshot stores it so a replay can resume
/// from that instant and reach exactly the states and flags a fold from the start would reach.
/// </summary>
/// <param name="Units">Every judged unit.</param>
/// <param name="Flags">The flags up.</param>
/// <param name="Occupants">Who is in which zone.</param>
/// <param name="Conditions">Zone rules broken, since when.</param>
/// <param name="SuppressedHolds">Holds noted while flags are suppressed, since when; absent before flags could be suppressed.</param>
public sealed record AssessmentSnapshot(
    ImmutableArray<UnitSnapshot> Units,
    ImmutableArray<RaisedFlag> Flags,
    ImmutableArray<OccupantSnapshot> Occupants,
    ImmutableArray<ConditionSnapshot> Conditions,
    ImmutableArray<ConditionSnapshot>? SuppressedHolds = null);

/// <summary>
/// A unit's recent fixes, report intervals, progress anchor and motion state; and (absent from snapshots of older
/// rules) the misfits its noise is learned from (and, apart, those of its fixes inside a building), the hold it is
/// in, the building it is in, when it was last in contact and when it fell back from there, and the fixes in a row
/// that showed it holding, making progress and moving away; and until when its latest report said its fix stands, the
/// speed it stated, and whether any of its reports said it moved; and when it came back into contact on its receiver's
/// word that it walked back; and whether its device signed off since its latest report.
/// </summary>
public sealed record UnitSnapshot(
    string UnitId,
    ImmutableArray<FixSnapshot> Fixes,
    ImmutableArray<double> IntervalsS,
    double? BaseAltitudeM,
    ProgressAnchor? Anchor,
    MotionState State,
    DateTimeOffset? StateSince,
    double? GraceS,
    DateTimeOffset? GraceFor,
    ImmutableArray<double>? NoiseMisfitsM = null,
    HoldEpisode? Episode = null,
    string? BuildingId = null,
    DateTimeOffset? ArrivedAt = null,
    DateTimeOffset? FellBackFrom = null,
    int HoldStreak = 0,
    int ProgressStreak = 0,
    ImmutableArray<double>? IndoorNoiseMisfitsM = null,
    int OpeningStreak = 0,
    DateTimeOffset? StaleAt = null,
    double? StatedSpeedMps = null,
    bool StatedMoving = false,
    ImmutableArray<HeldBackSnapshot>? HeldBack = null,
    DateTimeOffset? TrackFrom = null,
    DateTimeOffset? ReturnedAt = null,
    bool SignedOff = false,
    DateTimeOffset? HeardAgainAt = null);

/// <summary>
/// A fix held back from the track as a possible burst of multipath, with the stale time its report stated; and its
/// speed, as its fix carries it (kept for snapshots whose fixes did not).
/// </summary>
public sealed record HeldBackSnapshot(FixSnapshot Fix, DateTimeOffset? StaleAt, double? SpeedMps);

/// <summary>One remembered fix, with its floor where that was really known, and the speed and course its report said.</summary>
public sealed record FixSnapshot(DateTimeOffset Time, LocalPoint Point, double Sigma, double? AltitudeM, int? Floor = null, double? SpeedMps = null, double? CourseDeg = null);

/// <summary>
/// The last time a unit made progress toward its threat, the smoothed distance it had then (and its error), and
/// the threat position that distance was measured to; once its threat went active, from when the unit is judged
/// (no hold starts before then; absent in snapshots of older rules); and when progress last ended a hold of the unit's
/// (its receiver's word that it stands counts from then; absent in snapshots of older rules).
/// </summary>
public sealed record ProgressAnchor(DateTimeOffset Time, double DistanceM, double ErrorM, string ThreatId, LocalPoint Target, int Floor, DateTimeOffset? JudgedFrom = null,
    DateTimeOffset? ClearedAt = null);

/// <summary>A raised flag on a subject: its level, rule, latest reason, the motion it was raised for, and any acknowledgement.</summary>
public sealed record RaisedFlag(
    string Subject,
    string Rule,
    FlagLevel Level,
    string Reason,
    MotionState Motion,
    DateTimeOffset RaisedAt,
    DateTimeOffset? AcknowledgedAt,
    MotionState? AcknowledgedMotion);

/// <summary>A unit inside a zone, since when.</summary>
public sealed record OccupantSnapshot(string ZoneId, string UnitId, DateTimeOffset Since);

/// <summary>An incident-level condition (a zone rule) that has held since a time.</summary>
public sealed record ConditionSnapshot(string Subject, DateTimeOffset Since);
