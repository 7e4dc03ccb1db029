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

        var source = ReportSource.Json;
        if (Text(item, "source") is { } sourceName)
        {
            if (!Enum.TryParse(sourceName, ignoreCase: true, out source) || !Enum.IsDefined(source))
            {
                return Refuse(raw, RejectReason.InvalidValue, $"source '{sourceName}' is not one of json, simulator, cot, nmea, aprs, osmand");
            }
        }

        var unitId = Text(item, "unitId");
        if (string.IsNullOrWhiteSpace(unitId))
        {
            return Refuse(raw, RejectReason.MissingField, "unitId is required", source);
        }

        if (Text(item, "fixTime") is not { } timeText)
        {
            return Refuse(raw, RejectReason.MissingField, "fixTime is required (ISO 8601)", source, unitId);
        }

        if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var fixTime))
        {
            return Refuse(raw, RejectReason.Malformed, $"fixTime '{timeText}' is not an ISO 8601 time", source, unitId);
        }

        if (!Number(item, "lat", out var lat) || !Number(item, "lon", out var lon) || lat is null || lon is null)
        {
            return Refuse(raw, RejectReason.MissingField, "lat and lon are required numbers", source, unitId);
        }

        foreach (var name in (string[])["altitudeM", "accuracyM", "speedMps", "courseDeg"])
        {
            if (!Number(item, name, out _))
            {
                return Refuse(raw, RejectReason.Malformed, $"{name} must be a number", source, unitId);
            }
        }

        UnitRole? role = null;
        if (Text(item, "role") is { } roleName)
        {
            if (!UnitRoles.TryParse(roleName, out var parsed))
            {
                return Refuse(raw, RejectReason.InvalidValue, $"role '{roleName}' is not one of {string.Join(", ", UnitRoles.Names)}", source, unitId);
            }

            role = parsed;
        }

        Number(item, "altitudeM", out var altitude);
        Number(item, "accuracyM", out var accuracy);
        Number(item, "speedMps", out var speed);
        Number(item, "courseDeg", out var course);
        var report = new PositionReport(unitId, source, fixTime, new GeoPoint(lat.Value, lon.Value), altitude, accuracy, speed, course, Text(item, "callsign"), role);
        return IncomingReport.Parsed(source, raw, report);
    }

    private static IncomingReport Refuse(string raw, RejectReason reason, string detail, ReportSource source = ReportSource.Json, string? unitId = null) =>
        IncomingReport.Refused(source, raw, new Rejection(reason, detail), unitId);

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>False when the property is present but not a number; value is null when absent or null.</summary>
    private static bool Number(JsonElement item, string name, out double? value)
    {
        value = null;
        if (!item.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
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
}
