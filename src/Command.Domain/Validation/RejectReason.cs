namespace Command.Domain.Validation;

/// <summary>Why an input was refused. Every rejection has one; each is counted, logged and recorded.</summary>
[GenerateSerializer]
public enum RejectReason
{
    /// <summary>The message could not be parsed at all.</summary>
    Malformed,

    /// <summary>The message is larger than the source's limit.</summary>
    Oversized,

    /// <summary>A required field is missing (unit id, latitude, longitude, fix time).</summary>
    MissingField,

    /// <summary>Latitude or longitude outside WGS84 ranges, or not a number.</summary>
    InvalidCoordinates,

    /// <summary>Exactly 0,0: a receiver with no fix that reports zeros.</summary>
    ZeroPosition,

    /// <summary>The source says it has no fix (NMEA status V, GGA quality 0, CoT unknown point).</summary>
    NoFix,

    /// <summary>The fix time is further in the future than clock skew explains.</summary>
    FutureFix,

    /// <summary>The fix is too old to describe where the unit is now.</summary>
    TooOld,

    /// <summary>The stated horizontal accuracy is worse than the bound.</summary>
    PoorAccuracy,

    /// <summary>Same unit, same fix time as an accepted fix.</summary>
    Duplicate,

    /// <summary>Older than the unit's latest accepted fix: recorded, not applied to the live position.</summary>
    OutOfOrder,

    /// <summary>Reaching it from the last accepted fix needs a speed no person or car can reach.</summary>
    ImpliedSpeed,

    /// <summary>From the one place the unit's fixes keep leaving its track for and coming back from: another device's.</summary>
    SecondDevice,

    /// <summary>The unit is not enrolled and the incident or listener does not auto-enrol.</summary>
    UnknownUnit,

    /// <summary>The incident does not exist.</summary>
    UnknownIncident,

    /// <summary>A well-formed message of a kind that carries no unit position (a CoT geofence, an APRS message).</summary>
    NotAPosition,

    /// <summary>A value other than position is out of range or invalid (a role, a phase, a radius).</summary>
    InvalidValue,

    /// <summary>The source is sending faster than its rate limit.</summary>
    RateLimited,

    /// <summary>The incident or unit to create already exists.</summary>
    AlreadyExists,

    /// <summary>The incident cannot answer now (its recording cannot be read); the same input may succeed later.</summary>
    Unavailable,

    /// <summary>A text (an id, a callsign, a name, a reason) is longer than its limit.</summary>
    TooLong,

    /// <summary>The incident's fold could not take the input (a defect, not the sender's fault): refused, not applied.</summary>
    Unprocessable,

    /// <summary>The incident was closed: it takes nothing more.</summary>
    Closed,

    /// <summary>A configured limit is reached (open incidents, say).</summary>
    LimitReached,

    /// <summary>
    /// The sender may not send this: its address is not on the listener's allow-list, its certificate is not from the
    /// configured CA or names another unit, or its hostile markers may not set the threat.
    /// </summary>
    NotAllowed,

    /// <summary>The sender's credential may not report for this unit (a device token reports only for the units it is bound to).</summary>
    UnitNotPermitted,

    /// <summary>The unit is bound to a device credential and takes positions from that credential only.</summary>
    UnitBoundToDevice,

    /// <summary>The device identifier is not one an admin issued (or it was revoked).</summary>
    UnknownDevice,

    /// <summary>The subject (a unit or a zone) has no flag up to acknowledge or answer.</summary>
    NoFlagUp,

    /// <summary>The unit is enrolled in another open incident; it must be released there first.</summary>
    EnrolledElsewhere,

    /// <summary>The incident has no threat by that id.</summary>
    UnknownThreat,

    /// <summary>
    /// A field the input does not take: a misspelt name ("accuracy" for "accuracyM") dropped in silence would leave the
    /// value meant unrecorded, and the input taken as if it had not been sent.
    /// </summary>
    UnknownField,

    /// <summary>
    /// Another unit of the incident is enrolled under a callsign that reads the same (the same but for case, a lookalike
    /// letter of another script, or a compatibility form): a commander directing one by its callsign could direct the other.
    /// </summary>
    CallsignTaken,

    /// <summary>A drill names no scenario a drill can be started by (<see cref="ScenarioName"/>).</summary>
    InvalidScenario,

    /// <summary>A drill's start-over names a round other than the incident's next.</summary>
    RoundOutOfTurn,

    /// <summary>
    /// The flag is already acknowledged by another commander and still quiet under it: a second acknowledgement would
    /// record a second decision, with another reason, on the one flag.
    /// </summary>
    AlreadyAcknowledged,

    /// <summary>
    /// A role change made from a role the unit no longer holds: another commander reassigned it meanwhile, and taking the
    /// change (an undo, say) would undo theirs unseen.
    /// </summary>
    RoleChanged,

    /// <summary>
    /// Far from the unit's latest fix, sooner than its device's stated speed (or the speed its track went at) and any
    /// vehicle's acceleration could have taken it there: a second device under its id, or a fix thrown by multipath.
    /// Fixes from there are held out until they have gone on for longer than the unit's own device goes quiet.
    /// </summary>
    SuddenJump,

    /// <summary>
    /// The credential the unit's reports came with has expired (a device token past its expiry): its reports are refused
    /// until an admin issues it another.
    /// </summary>
    CredentialExpired,
}
