using System.Globalization;
using System.Text.Json;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Ingest.Intake;

namespace Command.Host.Api;

/// <summary>
/// Parses one item of the native JSON report batch. Read field by field so a bad item gets a reason that names
/// the field, and the other items of the batch are still taken.
/// </summary>
public static class ReportJson
{
    public static IncomingReport Parse(JsonElement item)
    {
        var raw = item.GetRawText();
        if (item.ValueKind != JsonValueKind.Object)
        {
            return IncomingReport.Refused(ReportSource.Json, raw, new Rejection(RejectReason.Malformed, $"a report is a JSON object, not {item.ValueKind}"));
        }

        var f = Fields.Read(item);
        var source = ReportSource.Json;
        if (Text(f.Source) is { } sourceName)
        {
            if (!Enum.TryParse(sourceName, ignoreCase: true, out source) || !Enum.IsDefined(source))
            {
                return Refuse(raw, RejectReason.InvalidValue, $"source '{sourceName}' is not one of json, simulator, cot, nmea, aprs, osmand");
            }
        }

        var unitId = Text(f.UnitId);
        if (string.IsNullOrWhiteSpace(unitId))
        {
            return Refuse(raw, RejectReason.MissingField, "unitId is required", source);
        }

        if (Text(f.FixTime) is not { } timeText)
        {
            return Refuse(raw, RejectReason.MissingField, "fixTime is required (ISO 8601)", source, unitId);
        }

        if (!FixTime(f.FixTime, timeText, out var fixTime))
        {
            return Refuse(raw, RejectReason.Malformed, $"fixTime '{timeText}' is not an ISO 8601 time", source, unitId);
        }

        if (!Number(f.Lat, out var lat) || !Number(f.Lon, out var lon) || lat is null || lon is null)
        {
            return Refuse(raw, RejectReason.MissingField, "lat and lon are required numbers", source, unitId);
        }

        if (!Number(f.AltitudeM, out var altitude) || !Number(f.AccuracyM, out var accuracy) || !Number(f.SpeedMps, out var speed) || !Number(f.CourseDeg, out var course))
        {
            var name = !Number(f.AltitudeM, out _) ? "altitudeM" : !Number(f.AccuracyM, out _) ? "accuracyM" : !Number(f.SpeedMps, out _) ? "speedMps" : "courseDeg";
            return Refuse(raw, RejectReason.Malformed, $"{name} must be a number", source, unitId);
        }

        UnitRole? role = null;
        if (Text(f.Role) is { } roleName)
        {
            if (!UnitRoles.TryParse(roleName, out var parsed))
            {
                return Refuse(raw, RejectReason.InvalidValue, $"role '{roleName}' is not one of {string.Join(", ", UnitRoles.Names)}", source, unitId);
            }

            role = parsed;
        }

        var report = new PositionReport(unitId, source, fixTime, new GeoPoint(lat.Value, lon.Value), altitude, accuracy, speed, course, Text(f.Callsign), role);
        return IncomingReport.Parsed(source, raw, report);
    }

    private static IncomingReport Refuse(string raw, RejectReason reason, string detail, ReportSource source = ReportSource.Json, string? unitId = null) =>
        IncomingReport.Refused(source, raw, new Rejection(reason, detail), unitId);

    /// <summary>
    /// An ISO 8601 time; one without an offset is taken as UTC. A time with its offset, as every source here sends,
    /// is read straight from the UTF-8; anything else goes through the general parser.
    /// </summary>
    private static bool FixTime(JsonElement element, string text, out DateTimeOffset time) =>
        (text.Length > 6 && (text[^1] is 'Z' or 'z' || text[^6] is '+' or '-') && element.TryGetDateTimeOffset(out time))
        || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>False when the value is there but not a number; the number is null when absent or null.</summary>
    private static bool Number(JsonElement element, out double? value)
    {
        value = null;
        if (element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var d))
        {
            return false;
        }

        value = d;
        return true;
    }

    /// <summary>
    /// The fields of one item, found in one pass over its properties (a name given twice keeps its last value, as a
    /// lookup by name would); absent fields are left undefined.
    /// </summary>
    private struct Fields
    {
        public JsonElement Source;
        public JsonElement UnitId;
        public JsonElement FixTime;
        public JsonElement Lat;
        public JsonElement Lon;
        public JsonElement AltitudeM;
        public JsonElement AccuracyM;
        public JsonElement SpeedMps;
        public JsonElement CourseDeg;
        public JsonElement Role;
        public JsonElement Callsign;

        public static Fields Read(JsonElement item)
        {
            var f = default(Fields);
            foreach (var p in item.EnumerateObject())
            {
                if (p.NameEquals("unitId"u8)) { f.UnitId = p.Value; }
                else if (p.NameEquals("fixTime"u8)) { f.FixTime = p.Value; }
                else if (p.NameEquals("lat"u8)) { f.Lat = p.Value; }
                else if (p.NameEquals("lon"u8)) { f.Lon = p.Value; }
                else if (p.NameEquals("accuracyM"u8)) { f.AccuracyM = p.Value; }
                else if (p.NameEquals("altitudeM"u8)) { f.AltitudeM = p.Value; }
                else if (p.NameEquals("speedMps"u8)) { f.SpeedMps = p.Value; }
                else if (p.NameEquals("courseDeg"u8)) { f.CourseDeg = p.Value; }
                else if (p.NameEquals("callsign"u8)) { f.Callsign = p.Value; }
                else if (p.NameEquals("role"u8)) { f.Role = p.Value; }
                else if (p.NameEquals("source"u8)) { f.Source = p.Value; }
            }

            return f;
        }
    }
}
