using System.Globalization;
using System.Text;
using System.Text.Json;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Ingest.Intake;

namespace Command.Ingest.Json;

/// <summary>
/// Reads one item of the native JSON report batch straight off the request's bytes. Read field by field so a bad
/// item gets a reason that names the field, and the other items of the batch are still taken.
/// </summary>
public static class ReportJson
{
    /// <summary>One item on its own (a whole JSON value), as the batch reader would read it.</summary>
    public static IncomingReport Parse(ReadOnlySpan<byte> item)
    {
        var reader = new Utf8JsonReader(item);
        reader.Read();
        var report = Read(ref reader, item);
        if (reader.Read())
        {
            throw new JsonException($"'{(char)item[(int)reader.TokenStartIndex]}' follows the report");
        }

        return report;
    }

    /// <summary>
    /// Reads the item at the reader's current token and leaves the reader on its last token. Raw is the item's
    /// text exactly as sent. Malformed JSON throws <see cref="JsonException"/>: the batch is refused whole.
    /// </summary>
    internal static IncomingReport Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = KindOf(reader.TokenType);
            reader.Skip();
            return IncomingReport.Refused(ReportSource.Json, RawText(body, start, reader), new Rejection(RejectReason.Malformed, $"a report is a JSON object, not {kind}"));
        }

        // Filled here, in a local, and handed on by reference: returned or filled through a reference, the struct
        // (eleven fields, each holding a string) was copied with a write barrier for every report.
        var f = default(Fields);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("unitId"u8)) { Field.Next(ref reader, ref f.UnitId, ref f.Twice); }
            else if (reader.ValueTextEquals("fixTime"u8)) { Field.Next(ref reader, ref f.FixTime, ref f.Twice, time: true); }
            else if (reader.ValueTextEquals("lat"u8)) { Field.Next(ref reader, ref f.Lat, ref f.Twice); }
            else if (reader.ValueTextEquals("lon"u8)) { Field.Next(ref reader, ref f.Lon, ref f.Twice); }
            else if (reader.ValueTextEquals("accuracyM"u8)) { Field.Next(ref reader, ref f.AccuracyM, ref f.Twice); }
            else if (reader.ValueTextEquals("altitudeM"u8)) { Field.Next(ref reader, ref f.AltitudeM, ref f.Twice); }
            else if (reader.ValueTextEquals("speedMps"u8)) { Field.Next(ref reader, ref f.SpeedMps, ref f.Twice); }
            else if (reader.ValueTextEquals("courseDeg"u8)) { Field.Next(ref reader, ref f.CourseDeg, ref f.Twice); }
            else if (reader.ValueTextEquals("callsign"u8)) { Field.Next(ref reader, ref f.Callsign, ref f.Twice); }
            else if (reader.ValueTextEquals("role"u8)) { Field.Next(ref reader, ref f.Role, ref f.Twice); }
            else if (reader.ValueTextEquals("source"u8)) { Field.Next(ref reader, ref f.Source, ref f.Twice); }
            else if (reader.ValueTextEquals("floor"u8)) { Field.Next(ref reader, ref f.Floor, ref f.Twice); }
            else if (reader.ValueTextEquals("altitudeDatum"u8)) { Field.Next(ref reader, ref f.AltitudeDatum, ref f.Twice); }
            else if (reader.ValueTextEquals("verticalAccuracyM"u8)) { Field.Next(ref reader, ref f.VerticalAccuracyM, ref f.Twice); }
            else if (reader.ValueTextEquals("staleAt"u8)) { Field.Next(ref reader, ref f.StaleAt, ref f.Twice, time: true); }
            else
            {
                f.Unknown ??= JsonText.Name(ref reader);
                reader.Read();
                reader.Skip();
            }
        }

        return Judge(f, RawText(body, start, reader));
    }

    /// <summary>The names an item takes, as the refusal of one it does not take lists them.</summary>
    private const string Names = "unitId, fixTime, lat, lon, altitudeM, altitudeDatum, verticalAccuracyM, floor, accuracyM, speedMps, courseDeg, callsign, role, source, staleAt";

    private static IncomingReport Judge(in Fields f, string raw)
    {
        // A name given twice leaves which of its values was meant unknown (a reader keeps either), and a misspelt one
        // ("accuracy" for accuracyM) skipped would have the fix taken without what was meant: either refuses the item,
        // by name, as the API's commands refuse a field they do not take.
        var named = string.IsNullOrWhiteSpace(f.UnitId.Text) || f.Twice == "unitId" ? null : f.UnitId.Text;
        if (f.Twice is { } twice)
        {
            return Refuse(raw, RejectReason.Malformed, $"'{twice}' is given twice; a report names each field once", unitId: named);
        }

        // A text field that is no text is named, as any field of the wrong kind is: the report is refused, not the batch.
        if ((Unreadable(f.UnitId, "unitId") ?? Unreadable(f.FixTime, "fixTime") ?? Unreadable(f.Callsign, "callsign") ?? Unreadable(f.Role, "role")
            ?? Unreadable(f.Source, "source") ?? Unreadable(f.AltitudeDatum, "altitudeDatum") ?? Unreadable(f.StaleAt, "staleAt")) is { } unreadable)
        {
            return Refuse(raw, RejectReason.Malformed, unreadable, unitId: named);
        }

        if (NotText(f.Source, "source") is { } sourceNotText)
        {
            return Refuse(raw, RejectReason.Malformed, sourceNotText, unitId: named);
        }

        var source = ReportSource.Json;
        if (f.Source.Text is { } sourceName)
        {
            if (!Enum.TryParse(sourceName, ignoreCase: true, out source) || !Enum.IsDefined(source))
            {
                return Refuse(raw, RejectReason.InvalidValue, $"source '{sourceName}' is not one of json, simulator, cot, nmea, aprs, osmand");
            }
        }

        if (f.Unknown is { } unknown)
        {
            return Refuse(raw, RejectReason.UnknownField, $"a report takes no field '{unknown}'; check its spelling: its fields are {Names}", source, named);
        }

        if (NotText(f.UnitId, "unitId") is { } unitIdNotText)
        {
            return Refuse(raw, RejectReason.Malformed, unitIdNotText, source);
        }

        var unitId = f.UnitId.Text;
        if (string.IsNullOrWhiteSpace(unitId))
        {
            return Refuse(raw, RejectReason.MissingField, "unitId is required", source);
        }

        if (f.FixTime.NotText)
        {
            return Refuse(raw, RejectReason.Malformed, JsonKinds.Wrong("fixTime", "an ISO 8601 time in a string", KindOf(f.FixTime.Kind)), source, unitId);
        }

        if (f.FixTime.Text is not { } timeText)
        {
            return Refuse(raw, RejectReason.MissingField, "fixTime is required (ISO 8601)", source, unitId);
        }

        if (!FixTime(f.FixTime, timeText, out var fixTime))
        {
            return Refuse(raw, RejectReason.Malformed, $"fixTime '{timeText}' is not an ISO 8601 time", source, unitId);
        }

        if ((f.Lat.NotANumber("lat") ?? f.Lon.NotANumber("lon")) is { } coordinate)
        {
            return Refuse(raw, RejectReason.InvalidCoordinates, coordinate, source, unitId);
        }

        if (!f.Lat.Number(out var lat) || !f.Lon.Number(out var lon) || lat is null || lon is null)
        {
            return Refuse(raw, RejectReason.MissingField, "lat and lon are required numbers", source, unitId);
        }

        if ((f.AltitudeM.NotANumber("altitudeM") ?? f.AccuracyM.NotANumber("accuracyM") ?? f.SpeedMps.NotANumber("speedMps") ?? f.CourseDeg.NotANumber("courseDeg")) is { } notANumber)
        {
            return Refuse(raw, RejectReason.Malformed, notANumber, source, unitId);
        }

        if ((NotText(f.Callsign, "callsign") ?? NotText(f.Role, "role") ?? NotText(f.AltitudeDatum, "altitudeDatum")) is { } notText)
        {
            return Refuse(raw, RejectReason.Malformed, notText, source, unitId);
        }

        f.AltitudeM.Number(out var altitude);
        f.AccuracyM.Number(out var stated);
        var accuracy = StatedAccuracy.Of(stated);
        f.SpeedMps.Number(out var speed);
        f.CourseDeg.Number(out var course);

        if (!f.Floor.Number(out var floor) || (floor is { } level && level != Math.Round(level)))
        {
            return Refuse(raw, RejectReason.Malformed, "floor must be a whole number (0 is the ground)", source, unitId);
        }

        if (f.VerticalAccuracyM.NotANumber("verticalAccuracyM") is { } verticalNotANumber)
        {
            return Refuse(raw, RejectReason.Malformed, verticalNotANumber, source, unitId);
        }

        f.VerticalAccuracyM.Number(out var statedVertical);
        var vertical = StatedAccuracy.Of(statedVertical);

        AltitudeDatum? datum = null;
        if (f.AltitudeDatum.Text is { } datumName)
        {
            if (!AltitudeDatums.TryParse(datumName, out var parsedDatum))
            {
                return Refuse(raw, RejectReason.InvalidValue, $"altitudeDatum '{datumName}' is not {AltitudeDatums.Expected}", source, unitId);
            }

            datum = parsedDatum;
        }

        DateTimeOffset? staleAt = null;
        if (f.StaleAt.Kind is not (JsonTokenType.None or JsonTokenType.Null))
        {
            if (f.StaleAt.Text is not { } staleText)
            {
                return Refuse(raw, RejectReason.Malformed, "staleAt must be an ISO 8601 time in a string", source, unitId);
            }

            if (!FixTime(f.StaleAt, staleText, out var parsedStale))
            {
                return Refuse(raw, RejectReason.Malformed, $"staleAt '{staleText}' is not an ISO 8601 time", source, unitId);
            }

            staleAt = parsedStale;
        }

        UnitRole? role = null;
        if (f.Role.Text is { } roleName)
        {
            if (!UnitRoles.TryParse(roleName, out var parsed))
            {
                return Refuse(raw, RejectReason.InvalidValue, $"role '{roleName}' is not one of {string.Join(", ", UnitRoles.Names)}", source, unitId);
            }

            role = parsed;
        }

        var report = new PositionReport(unitId, source, fixTime, new GeoPoint(lat.Value, lon.Value), altitude, accuracy, speed, course, f.Callsign.Text, role,
            // A floor out of range is named by the limits, which see it clamped to an int.
            floor is { } whole ? (int)Math.Clamp(whole, int.MinValue, int.MaxValue) : null, datum, vertical, staleAt);
        return IncomingReport.Parsed(source, raw, report);
    }

    /// <summary>Null unless the field is there, not null, and not text; then that it must be text and what it was.</summary>
    private static string? Unreadable(in Field field, string name) => field.Unreadable ? $"'{name}' {JsonText.NotText}" : null;

    private static string? NotText(in Field field, string name) => field.NotText ? JsonKinds.Wrong(name, "text, in quotes", KindOf(field.Kind)) : null;

    private static IncomingReport Refuse(string raw, RejectReason reason, string detail, ReportSource source = ReportSource.Json, string? unitId = null) =>
        IncomingReport.Refused(source, raw, new Rejection(reason, detail), unitId);

    /// <summary>
    /// An ISO 8601 time; one without an offset is taken as UTC. A time with its offset, as every source here sends,
    /// was read straight from the UTF-8; anything else goes through the general parser.
    /// </summary>
    private static bool FixTime(in Field field, string text, out DateTimeOffset time)
    {
        if (field.Time is { } fast && text.Length > 6 && (text[^1] is 'Z' or 'z' || text[^6] is '+' or '-'))
        {
            time = fast;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private static string RawText(ReadOnlySpan<byte> body, int start, in Utf8JsonReader reader) =>
        Encoding.UTF8.GetString(body[start..(int)reader.BytesConsumed]);

    /// <summary>A token's kind as <see cref="JsonValueKind"/> names it.</summary>
    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };

    /// <summary>One field's value as sent: its kind, and its text, number or time where it has one.</summary>
    private readonly record struct Field(JsonTokenType Kind, string? Text, double? Double, DateTimeOffset? Time, bool Unreadable = false)
    {
        /// <summary>
        /// Takes the value after the property name the reader is on into <paramref name="field"/>; a name the item gave
        /// already is kept in <paramref name="twice"/> (the first such), for the item to be refused by it.
        /// </summary>
        public static void Next(ref Utf8JsonReader reader, ref Field field, ref string? twice, bool time = false)
        {
            if (field.Kind != JsonTokenType.None)
            {
                twice ??= reader.GetString();
            }

            reader.Read();
            field = Capture(ref reader, time);
        }

        public static Field Capture(ref Utf8JsonReader reader, bool time)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return JsonText.TryRead(ref reader, out var text)
                        ? new(JsonTokenType.String, text, null, time && reader.TryGetDateTimeOffset(out var t) ? t : null)
                        : new(JsonTokenType.String, null, null, null, Unreadable: true);
                case JsonTokenType.Number:
                    return new(JsonTokenType.Number, null, reader.TryGetDouble(out var d) ? d : null, null);
                default:
                    var kind = reader.TokenType;
                    reader.Skip();
                    return new(kind, null, null, null);
            }
        }

        /// <summary>False when the value is there but not a number; the number is null when absent or null.</summary>
        public bool Number(out double? value)
        {
            value = Double;
            return Kind is JsonTokenType.None or JsonTokenType.Null || (Kind == JsonTokenType.Number && Double is not null);
        }

        /// <summary>Null when the value is a number, null or absent; else that it must be one and what was sent instead.</summary>
        public string? NotANumber(string name) => Number(out _) ? null : JsonKinds.NotANumber(name, KindOf(Kind));

        /// <summary>True when the value is there, not null, and not text: a field that must be text then says what it was.</summary>
        public bool NotText => Kind is not (JsonTokenType.None or JsonTokenType.Null or JsonTokenType.String);
    }

    /// <summary>
    /// The fields of one item, found in one pass over its properties; absent fields are left with no kind. The first
    /// name this API does not know, and the first given twice, are kept to refuse the item by.
    /// </summary>
    private struct Fields
    {
        public string? Unknown;
        public string? Twice;
        public Field Source;
        public Field UnitId;
        public Field FixTime;
        public Field Lat;
        public Field Lon;
        public Field AltitudeM;
        public Field AccuracyM;
        public Field SpeedMps;
        public Field CourseDeg;
        public Field Role;
        public Field Callsign;
        public Field Floor;
        public Field StaleAt;
        public Field AltitudeDatum;
        public Field VerticalAccuracyM;
    }
}
