using Command.Domain.Reports;
using Command.Domain.Units;

namespace Command.Domain.Assessment;

/// <summary>Where a unit stands against the threat at one instant: what the board and the map show.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Callsign">Its callsign.</param>
/// <param name="Role">Its assignment.</param>
/// <param name="LastFix">Latest accepted fix, if any.</param>
/// <param name="ThreatId">The threat it is judged against (the nearest active one), if any.</param>
/// <param name="DistanceM">Straight-line distance to the threat, metres.</param>
/// <param name="PathDistanceM">Walking distance over the site's walk graph, where it has one.</param>
/// <param name="ClosingRateMps">Positive when closing, negative when opening, metres per second.</param>
/// <param name="EtaS">Seconds to the threat at the current closing rate; null when not closing.</param>
/// <param name="BackupEtaS">Seconds until the soonest other closing unit comes level with this one (reaches its distance from the threat) at its closing rate or the assumed approach speed, whichever is faster; 0 when one is level or ahead.</param>
/// <param name="State">Closing, holding, opening, arrived or stale.</param>
/// <param name="StateSince">When the unit entered its current state.</param>
/// <param name="Flag">None, watch or alert.</param>
/// <param name="FlagReason">One line in plain words and numbers, when flagged.</param>
/// <param name="Acknowledged">A commander acknowledged the current flag.</param>
/// <param name="HoldS">Seconds since the unit last made progress, once a hold (or moving away) is confirmed.</param>
/// <param name="CadenceS">The unit's usual report interval, learned from its fixes.</param>
/// <param name="Floor">The unit's floor where it is really known: stated by its source, or from an altitude with its datum and a vertical accuracy of half a floor.</param>
/// <param name="Climbing">Altitude is changing at stair pace.</param>
/// <param name="ArrivalReason">Why the unit counts as arrived, in words ("inside B12, 12 m from the threat"); only while it does.</param>
/// <param name="Building">The building the unit is in, by id, where the site has buildings.</param>
/// <param name="Refused">The unit's latest report that was refused, while none has been accepted since (a duplicate is not counted).</param>
/// <param name="HeldAt">Where the unit is shown while its latest reports are held back: its latest fix taken in, where the map keeps its marker rather than at a report thrown off its track; only while they are.</param>
/// <param name="Alarm">The emergency its device raised and has not cancelled (a TAK 911 Alert), shown on its row.</param>
/// <param name="SignedOff">Its device's sign-off, while it has not reported since: the unit is stale from then.</param>
/// <param name="HeldBackReason">Why the unit's latest reports do not move it on the board: they landed off its track, and are held back as a possible burst of multipath until the next one shows ("2 reports held back as multipath: 45 m off its track"); only while they are, once the latest has been held back 2 s past the track's latest fix (a phone every second has one report in a hundred held back for a second from noise alone).</param>
/// <param name="Overdue">True where its reports are overdue by its own cadence (it may still not be shown stale, its last report's stated stale time standing): its row says where the source it reported through is down; null otherwise.</param>
/// <param name="InReachReason">Why a unit standing still is not flagged: its fixes cannot tell it from a unit in contact ("cannot be told from contact: inside B12, 31 m from the threat, fixes ±25 m"); only while it is unflagged.</param>
[GenerateSerializer, Immutable]
public sealed record UnitAssessment(
    string UnitId,
    string Callsign,
    UnitRole Role,
    PositionReport? LastFix,
    string? ThreatId,
    double? DistanceM,
    double? PathDistanceM,
    double? ClosingRateMps,
    double? EtaS,
    double? BackupEtaS,
    MotionState State,
    DateTimeOffset? StateSince,
    FlagLevel Flag,
    string? FlagReason,
    bool Acknowledged,
    double? HoldS = null,
    double? CadenceS = null,
    int? Floor = null,
    bool Climbing = false,
    string? ArrivalReason = null,
    string? Building = null,
    string? InReachReason = null,
    RefusedReport? Refused = null,
    string? HeldBackReason = null,
    Geometry.GeoPoint? HeldAt = null,
    UnitAlarm? Alarm = null,
    UnitSignOff? SignedOff = null,
    bool? Overdue = null);
