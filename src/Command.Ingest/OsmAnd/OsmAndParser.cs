using System.Globalization;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;

namespace Command.Ingest.OsmAnd;

/// <summary>
/// The OsmAnd protocol as Traccar reads it: <c>id</c> (or <c>deviceid</c>), <c>lat</c>, <c>lon</c> (or
/// <c>location=lat,lon</c>, whose values after the first two are passed over, as Traccar does), <c>timestamp</c> (epoch seconds, epoch milliseconds or ISO 8601; absent means the
/// receiving clock, as Traccar does), <c>speed</c> in knots, <c>bearing</c> or <c>heading</c>, <c>altitude</c>,
/// <c>accuracy</c>, <c>batt</c>, <c>valid</c> (a valid fix only as <c>true</c>, in any case, or <c>1</c>, as Traccar
/// reads it). Never throws on bad input.
/// </summary>
public static class OsmAndParser
{

    public static IncomingReport ParseQuery(IReadOnlyDictionary<string, string> fields, string raw, DateTimeOffset receivedAt)
    {
        var id = Field(fields, "id") ?? Field(fields, "deviceid");
        if (string.IsNullOrWhiteSpace(id))
        {
            return Refuse(raw, new(RejectReason.MissingField, "request has no id or deviceid"));
        }

        string? latText = Field(fields, "lat"), lonText = Field(fields, "lon");
        // As Traccar reads it, the first two values: some clients add the altitude after them (lat,lon,alt).
        if (Field(fields, "location") is { } location && location.Split(',') is [var a, var b, ..])
        {
            (latText, lonText) = (a, b);
        }

        if (latText is null || lonText is null)
        {
            return Refuse(raw, new(RejectReason.MissingField, "request has no lat and lon"), id);
        }

        if (!TryNumber(latText, out var lat) || !TryNumber(lonText, out var lon))
        {
            return Refuse(raw, new(RejectReason.InvalidCoordinates, $"lat '{latText}' / lon '{lonText}' is not a number"), id);
        }

        // As Traccar reads it: a fix is valid only where "valid" says true (in any case) or 1, and not where it says
        // anything else. A bridge sending its False as "False", or "no", had the fix its device said was not valid used.
        if (fields.TryGetValue("valid", out var valid) && !(valid.Equals("true", StringComparison.OrdinalIgnoreCase) || valid == "1"))
        {
            return Refuse(raw, new(RejectReason.NoFix, $"the device marked the fix not valid: valid '{valid}' (only true or 1 is a valid fix)"), id);
        }

        var time = receivedAt;
        if (Field(fields, "timestamp") is { } stamp && !TryTimestamp(stamp, out time))
        {
            return Refuse(raw, new(RejectReason.Malformed, $"timestamp '{stamp}' is not epoch seconds, epoch milliseconds or ISO 8601"), id);
        }

        var invalid = FirstInvalid(fields, "speed", "bearing", "heading", "altitude", "accuracy");
        if (invalid is not null)
        {
            return Refuse(raw, new(RejectReason.InvalidValue, $"{invalid} '{Field(fields, invalid)}' is not a number"), id);
        }

        if (Knots.Check("speed", Optional(fields, "speed")) is { } badSpeed)
        {
            return Refuse(raw, badSpeed, id);
        }

        var report = new PositionReport(id, ReportSource.OsmAnd, time, new GeoPoint(lat, lon), Optional(fields, "altitude"), StatedAccuracy.Of(Optional(fields, "accuracy")),
            Optional(fields, "speed") * Knots.ToMps, Optional(fields, "bearing") ?? Optional(fields, "heading"));
        return IncomingReport.Parsed(ReportSource.OsmAnd, raw, report);
    }

    /// <summary>Epoch seconds when below 2^31 (as Traccar decides), otherwise epoch milliseconds; else ISO 8601.</summary>
    internal static bool TryTimestamp(string text, out DateTimeOffset time)
    {
        time = default;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            var ms = epoch < int.MaxValue ? epoch * 1000 : epoch;
            if (ms > 253402300799999)
            {
                return false;
            }

            time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    private static string? FirstInvalid(IReadOnlyDictionary<string, string> fields, params string[] names) =>
        names.FirstOrDefault(n => Field(fields, n) is { } v && !TryNumber(v, out _));

    private static double? Optional(IReadOnlyDictionary<string, string> fields, string name) =>
        Field(fields, name) is { } v && TryNumber(v, out var d) ? d : null;

    private static string? Field(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    internal static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    internal static IncomingReport Refuse(string raw, Rejection rejection, string? id = null) =>
        IncomingReport.Refused(ReportSource.OsmAnd, raw, rejection, id);
}
