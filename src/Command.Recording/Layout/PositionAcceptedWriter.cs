using System.Text.Json;
using Command.Domain.Events;
using Command.Domain.Reports;

namespace Command.Recording.Layout;

/// <summary>
/// Writes a position-accepted event exactly as the generated serializer does, by hand: positions are nearly every
/// line of a session, and the general path's polymorphic dispatch costs more than the JSON. Enums are written by
/// their names, as the recording's serializer writes them.
/// </summary>
internal static class PositionAcceptedWriter
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Discriminator = JsonEncodedText.Encode("position-accepted");
    private static readonly JsonEncodedText Report = JsonEncodedText.Encode("report");
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
    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText[] Sources = [.. Enum.GetValues<ReportSource>().Select(s => JsonEncodedText.Encode(s.ToString()))];
    private static readonly JsonEncodedText[] Roles = [.. Enum.GetValues<Domain.Units.UnitRole>().Select(r => JsonEncodedText.Encode(r.ToString()))];

    public static void Write(Utf8JsonWriter writer, PositionAccepted accepted)
    {
        var report = accepted.Report;
        writer.WriteStartObject();
        writer.WriteString(Type, Discriminator);
        writer.WriteStartObject(Report);
        writer.WriteString(UnitId, report.UnitId);
        writer.WriteString(Source, Sources[(int)report.Source]);
        writer.WriteString(FixTime, report.FixTime);
        writer.WriteStartObject(Position);
        writer.WriteNumber(Latitude, report.Position.Latitude);
        writer.WriteNumber(Longitude, report.Position.Longitude);
        writer.WriteBoolean(IsValid, report.Position.IsValid);
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
            writer.WriteString(RoleHint, Roles[(int)role]);
        }

        writer.WriteEndObject();
        writer.WriteNumber(Sequence, accepted.Sequence);
        writer.WriteString(Time, accepted.Time);
        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
