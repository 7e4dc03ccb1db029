using Command.Domain.Threats;
using Command.Ingest.Intake;

namespace Command.Ingest.Cot;

/// <summary>
/// What one CoT event became: a unit's report or a rejection (<see cref="Report"/>), or a threat to place
/// (<see cref="Threat"/>, with the marker as <see cref="Actor"/>: <c>cot:&lt;uid&gt;</c>, to which the listener adds the
/// sender's address, and the marker's own <see cref="Time"/>, which is checked like a unit's fix time). Exactly one of
/// the two is set, unless the event is a <see cref="Ping"/>, an <see cref="Alert"/> or a <see cref="Deletion"/>.
/// </summary>
/// <param name="Report">The unit's report, or why the event was refused.</param>
/// <param name="Threat">The threat a hostile marker places.</param>
/// <param name="Actor">Who placed the threat: the marker.</param>
/// <param name="Raw">The event as it came, recorded with it.</param>
/// <param name="Time">The marker's own time.</param>
/// <param name="Alert">An emergency a unit's device raised or cancelled (a TAK alert), with the device as <see cref="Actor"/>.</param>
/// <param name="Deletion">
/// A marker a device deleted from its map, or marked as other than hostile, with the device as <see cref="Actor"/>; for
/// a marker changed, <see cref="Report"/> holds its refusal as not a position, which stands unless it placed a threat.
/// </param>
/// <param name="PlacedBy">Who put the marker on the map, where it says (its link to its maker): a callsign, or a uid.</param>
/// <param name="PlacedFrom">The uid of the device that put the marker on the map, where its link says: its unit's incident is the threat's.</param>
/// <param name="Ping">
/// A streaming client's keepalive (<c>t-x-c-t</c>): no report and no refusal. ATAK pings after 15 s of hearing nothing
/// from its server and drops the connection after 25 s without an answer, losing what it had queued to send.
/// </param>
/// <param name="Pong">A server's answer to a ping (<c>t-x-c-t-r</c>): no report and no refusal.</param>
/// <param name="LogIn">
/// A TAK client's log-in (<c>&lt;auth&gt;&lt;cot username password uid/&gt;&lt;/auth&gt;</c>, which ATAK sends first on a
/// stream where its user turned authentication on): no report and no refusal, and its text is not kept, since it
/// holds the user's password.
/// </param>
public sealed record CotOutcome(IncomingReport? Report, Threat? Threat = null, string? Actor = null, string Raw = "", DateTimeOffset? Time = null, bool Ping = false, string? PlacedBy = null,
    UnitAlert? Alert = null, DeletedMarker? Deletion = null, string? PlacedFrom = null, bool Pong = false, bool LogIn = false)
{
    /// <summary>The CoT type of a ping, and of its answer.</summary>
    public const string PingType = "t-x-c-t";

    public const string PongType = "t-x-c-t-r";

    public static CotOutcome Of(IncomingReport report) => new(report, Raw: report.Raw);
}
