using Command.Domain.Geometry;
using Command.Domain.Units;

namespace Command.Domain.Reports;

/// <summary>
/// The one record every source's parser produces: a unit's fix at a moment, in WGS84.
/// Optional values are null when the source does not carry them.
/// </summary>
/// <param name="UnitId">The reporting unit's id (stable per device or callsign).</param>
/// <param name="Source">Which protocol delivered the report.</param>
/// <param name="FixTime">When the fix was taken, as the device reports it.</param>
/// <param name="Position">Latitude and longitude in decimal degrees.</param>
/// <param name="AltitudeM">Altitude, metres, above <paramref name="AltitudeDatum"/> where the source says which.</param>
/// <param name="AccuracyM">Horizontal accuracy (1-sigma or CEP as the source states it), metres.</param>
/// <param name="SpeedMps">Ground speed, metres per second.</param>
/// <param name="CourseDeg">Course over ground, degrees clockwise from true north.</param>
/// <param name="Callsign">A human-readable name the source gave the unit, if any.</param>
/// <param name="RoleHint">The role the source suggests (a TAK team role, say), used only when the unit is enrolled on first report.</param>
/// <param name="Floor">The floor the source states the unit is on (0 = ground), where it states one.</param>
/// <param name="AltitudeDatum">What <paramref name="AltitudeM"/> is measured from, where the source says (CoT: the ellipsoid; NMEA: mean sea level).</param>
/// <param name="VerticalAccuracyM">Vertical accuracy of <paramref name="AltitudeM"/>, metres, where stated (CoT's <c>le</c>).</param>
/// <param name="StaleAt">Until when the source says the fix stands (CoT's <c>stale</c>): a device that reports less often
/// while it stands still (ATAK's default, every 180 s through a TAK server) says so here.</param>
/// <param name="ClockCorrectionS">Seconds the host moved <paramref name="FixTime"/> and <paramref name="StaleAt"/> by because
/// the device's clock is off its own (positive: the device's clock runs behind), where it did; set by the intake, never by a
/// source.</param>
/// <param name="ReceivedBy">The host whose listener or API took the report in (its silo's address, as
/// <see cref="Events.HostDeparted.Host"/> names a host), so that the after-action report counts a unit as gone with a host
/// that left the cluster only where its reports came in through that host; set by the host as it hands the report to the
/// incident, never by a source. Absent in reports recorded before hosts were named, and in reports no host took in (a
/// benchmark's, a test's).</param>
/// <param name="Via">The settings' section of the listener or client the report came through (<c>Ingest:Cot:TakServer</c>,
/// <c>Ingest:OsmAnd</c>), as <see cref="Events.SourceChanged.SourceId"/> names that source, so that the after-action report
/// says a unit went unheard while the source it reported through was down; set by the host as it takes the report in,
/// never by a source. Absent from the JSON API, the drill, and reports recorded before sources were named.</param>
/// <param name="WeekRolloverEras">The GPS eras of 1,024 weeks <paramref name="FixTime"/> was dated forward by, where the
/// receiver counts its week number from an era that has passed (past its week rollover, its firmware wanting an update);
/// set by the NMEA decoder, never by a source. Absent otherwise.</param>
[GenerateSerializer, Immutable]
public sealed record PositionReport(
    string UnitId,
    ReportSource Source,
    DateTimeOffset FixTime,
    GeoPoint Position,
    double? AltitudeM = null,
    double? AccuracyM = null,
    double? SpeedMps = null,
    double? CourseDeg = null,
    string? Callsign = null,
    UnitRole? RoleHint = null,
    int? Floor = null,
    AltitudeDatum? AltitudeDatum = null,
    double? VerticalAccuracyM = null,
    DateTimeOffset? StaleAt = null,
    double? ClockCorrectionS = null,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(Events.HostAddressJson))] string? ReceivedBy = null,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(Events.HostAddressJson))] string? Via = null,
    int? WeekRolloverEras = null);
