using System.Text.Json;
using Command.Domain.Reports;
using Command.Domain.Units;

namespace Command.Domain.Events;

/// <summary>
/// Writes a position report by hand, exactly as the serializers write it (nulls left out), for the two places that
/// write reports by the hundred thousand: the recording and the live frames. They differ only in how enums are
/// named, so the caller says which.
/// </summary>
public static class PositionReportWriter
{
    private static readonly JsonEncodedText UnitId = JsonEncodedText.Encode("unitId");
    private static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText FixTime = JsonEncodedText.Encode("fixTime");
    private static readonly JsonEncodedText Position = JsonEncodedText.Encode("position");
    private static readonly JsonEncodedText Latitude = JsonEncodedText.Encode("latitude");
    private static readonly JsonEncodedText Longitude = JsonEncodedText.Encode("longitude");
    private static readonly JsonEncodedText IsValid = JsonEncodedText.Encode("isValid");
    private static readonly JsonEncodedText AltitudeM = JsonEncodedText.Encode("altitudeM");
    private static readonly JsonEncodedText AccuracyM = JsonEncodedText.Encode("accuracyM");
    private static readonly JsonEncodedText SpeedMps = JsonEncodedText.Encode("speedMps");
    private static readonly JsonEncodedText CourseDeg = JsonEncodedText.Encode("courseDeg");
    private static readonly JsonEncodedText Callsign = JsonEncodedText.Encode("callsign");
    private static readonly JsonEncodedText RoleHint = JsonEncodedText.Encode("roleHint");
    private static readonly JsonEncodedText Floor = JsonEncodedText.Encode("floor");
    private static readonly JsonEncodedText AltitudeDatum = JsonEncodedText.Encode("altitudeDatum");
    private static readonly JsonEncodedText VerticalAccuracyM = JsonEncodedText.Encode("verticalAccuracyM");
    private static readonly JsonEncodedText StaleAt = JsonEncodedText.Encode("staleAt");
    private static readonly JsonEncodedText ClockCorrectionS = JsonEncodedText.Encode("clockCorrectionS");
    private static readonly JsonEncodedText ReceivedBy = JsonEncodedText.Encode("receivedBy");
    private static readonly JsonEncodedText Via = JsonEncodedText.Encode("via");
    private static readonly JsonEncodedText WeekRolloverEras = JsonEncodedText.Encode("weekRolloverEras");
    private static readonly Names Declared = new(n => n);
    // A source as a report names it ("cot", "osmand"), not camel-cased from its kind ("coT").
    private static readonly Names CamelCase = new(JsonNamingPolicy.CamelCase.ConvertName, source => source.ToLowerInvariant());

    /// <param name="writer">Where to write.</param>
    /// <param name="report">The report.</param>
    /// <param name="camelCaseEnums">Enums in camelCase, as the web API writes them (a source as a report names it, "cot"); otherwise as declared, as the recording does.</param>
    /// <param name="coordinateDecimals">Decimals of latitude and longitude to write, for display; null writes them exactly, as recorded.</param>
    /// <param name="receivedBy">Whether to write the host and the source that took the report in, as the recording keeps them; a page has no use for them.</param>
    /// <param name="asFix">Whether to write it as a unit's latest fix in a frame: without its unit id (the unit it is the fix of
    /// names it) and without whether its position is valid (every fix taken in is). The recording writes both, and reads them.</param>
    public static void Write(Utf8JsonWriter writer, PositionReport report, bool camelCaseEnums, int? coordinateDecimals = null, bool receivedBy = true, bool asFix = false)
    {
        var names = camelCaseEnums ? CamelCase : Declared;
        writer.WriteStartObject();
        if (!asFix)
        {
            writer.WriteString(UnitId, report.UnitId);
        }

        writer.WriteString(Source, names.Sources[(int)report.Source]);
        writer.WriteString(FixTime, report.FixTime);
        writer.WriteStartObject(Position);
        ShortNumber.Write(writer, Latitude, coordinateDecimals is { } d ? Math.Round(report.Position.Latitude, d) : report.Position.Latitude);
        ShortNumber.Write(writer, Longitude, coordinateDecimals is { } e ? Math.Round(report.Position.Longitude, e) : report.Position.Longitude);
        if (!asFix)
        {
            writer.WriteBoolean(IsValid, report.Position.IsValid);
        }

        writer.WriteEndObject();
        WriteIfSet(writer, AltitudeM, report.AltitudeM);
        WriteIfSet(writer, AccuracyM, report.AccuracyM);
        WriteIfSet(writer, SpeedMps, report.SpeedMps);
        WriteIfSet(writer, CourseDeg, report.CourseDeg);
        if (report.Callsign is { } callsign)
        {
            writer.WriteString(Callsign, callsign);
        }

        if (report.RoleHint is { } role)
        {
            writer.WriteString(RoleHint, names.Roles[(int)role]);
        }

        if (report.Floor is { } floor)
        {
            writer.WriteNumber(Floor, floor);
        }

        if (report.AltitudeDatum is { } datum)
        {
            writer.WriteString(AltitudeDatum, names.Datums[(int)datum]);
        }

        WriteIfSet(writer, VerticalAccuracyM, report.VerticalAccuracyM);
        if (report.StaleAt is { } staleAt)
        {
            writer.WriteString(StaleAt, staleAt);
        }

        WriteIfSet(writer, ClockCorrectionS, report.ClockCorrectionS);
        if (receivedBy && report.ReceivedBy is { } host)
        {
            writer.WriteString(ReceivedBy, host);
        }

        if (receivedBy && report.Via is { } via)
        {
            writer.WriteString(Via, via);
        }

        if (report.WeekRolloverEras is { } eras)
        {
            writer.WriteNumber(WeekRolloverEras, eras);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a number property unless it is null, as the serializers leave nulls out.</summary>
    public static void WriteIfSet(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is { } number)
        {
            ShortNumber.Write(writer, name, number);
        }
    }

    private sealed class Names(Func<string, string> style, Func<string, string>? sourceStyle = null)
    {
        public JsonEncodedText[] Sources { get; } = [.. Enum.GetValues<ReportSource>().Select(s => JsonEncodedText.Encode((sourceStyle ?? style)(s.ToString())))];

        public JsonEncodedText[] Roles { get; } = [.. Enum.GetValues<UnitRole>().Select(r => JsonEncodedText.Encode(style(r.ToString())))];

        public JsonEncodedText[] Datums { get; } = [.. Enum.GetValues<Reports.AltitudeDatum>().Select(d => JsonEncodedText.Encode(style(d.ToString())))];
    }
}
