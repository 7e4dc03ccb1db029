using System.Text;
using System.Text.Json;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Json;

namespace Command.Ingest.OsmAnd;

/// <summary>
/// The JSON body newer Traccar Client versions post: <c>device_id</c>, <c>location.timestamp</c> (ISO 8601),
/// <c>location.coords.latitude/longitude/speed (m/s)/heading/accuracy/altitude</c>; negative speed or heading
/// means unknown. <c>location.is_moving</c> false is the app's stop detection: it has seen the phone still for
/// minutes and sends nothing more until it moves, so the report states speed 0 and a fix that stands for
/// <c>stoppedFixStands</c>. <c>battery</c> and <c>activity</c> are not needed here.
/// </summary>
public static class OsmAndJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };
    private static readonly TimeSpan DefaultStoppedFixStands = new OsmAndOptions().StoppedFixStands;

    /// <param name="body">The request body.</param>
    /// <param name="receivedAt">When it came, the fix time of a location that states none.</param>
    /// <param name="stoppedFixStands">How long the fix of a report sent as the app stops tracking stands; zero or less
    /// reads <c>is_moving</c> as nothing. <see cref="OsmAndOptions.StoppedFixStands"/> by default.</param>
    public static IncomingReport Parse(string body, DateTimeOffset receivedAt, TimeSpan? stoppedFixStands = null)
    {
        try
        {
            // Through UTF-8 with replacement, so a lone surrogate is a bad character, not an exception.
            using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(body), Options);
            return Read(document.RootElement, body, receivedAt, stoppedFixStands ?? DefaultStoppedFixStands);
        }
        catch (JsonException e)
        {
            return OsmAndParser.Refuse(body, new(RejectReason.Malformed, $"body is not JSON: {e.Message}"));
        }
        catch (InvalidOperationException)
        {
            // A string holding an escaped half of a surrogate pair ("\ud800" alone) is JSON, but no text: read as one, it
            // threw, and the phone was answered 500 and sent it again, holding back every report after it.
            return OsmAndParser.Refuse(body, new(RejectReason.Malformed, $"a field of the body {JsonText.NotText}"));
        }
    }

    private static IncomingReport Read(JsonElement root, string raw, DateTimeOffset receivedAt, TimeSpan stoppedFixStands)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return OsmAndParser.Refuse(raw, new(RejectReason.Malformed, JsonKinds.Wrong("the body", "an object", root.ValueKind)));
        }

        // A field that is there with the wrong kind of value is named as such, never called missing.
        var hasId = root.TryGetProperty("device_id", out var d) && d.ValueKind != JsonValueKind.Null;
        if (hasId && Text(d) is null)
        {
            return OsmAndParser.Refuse(raw, new(RejectReason.Malformed, JsonKinds.Wrong("device_id", "text", d.ValueKind)));
        }

        var id = hasId ? Text(d) : null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return OsmAndParser.Refuse(raw, new(RejectReason.MissingField, "body has no device_id"));
        }

        root.TryGetProperty("location", out var location);
        var coords = default(JsonElement);
        if (location.ValueKind == JsonValueKind.Object)
        {
            location.TryGetProperty("coords", out coords);
        }

        if (location.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            return OsmAndParser.Refuse(raw, new(RejectReason.Malformed, JsonKinds.Wrong("location", "an object", location.ValueKind)), id);
        }

        if (coords.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            return OsmAndParser.Refuse(raw, new(RejectReason.Malformed, JsonKinds.Wrong("location.coords", "an object", coords.ValueKind)), id);
        }

        if (coords.ValueKind != JsonValueKind.Object)
        {
            return OsmAndParser.Refuse(raw, new(RejectReason.MissingField, "body has no location.coords"), id);
        }

        if ((NotANumber(coords, "latitude") ?? NotANumber(coords, "longitude")) is { } coordinate)
        {
            return OsmAndParser.Refuse(raw, new(RejectReason.InvalidCoordinates, coordinate), id);
        }

        if (Number(coords, "latitude") is not { } lat || Number(coords, "longitude") is not { } lon)
        {
            return OsmAndParser.Refuse(raw, new(RejectReason.MissingField, "location.coords has no latitude and longitude"), id);
        }

        var time = receivedAt;
        location.TryGetProperty("timestamp", out var t);
        if (t.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String or JsonValueKind.Number))
        {
            return OsmAndParser.Refuse(raw, new(RejectReason.Malformed, JsonKinds.Wrong("location.timestamp", "an ISO 8601 time in a string", t.ValueKind)), id);
        }

        if (Text(t) is { } stamp && !OsmAndParser.TryTimestamp(stamp, out time))
        {
            return OsmAndParser.Refuse(raw, new(RejectReason.Malformed, $"location.timestamp '{stamp}' is not ISO 8601"), id);
        }

        // As the query's "speed=fast" is refused: dropped, the fix would be taken as saying nothing of its motion.
        if ((NotANumber(coords, "altitude") ?? NotANumber(coords, "accuracy") ?? NotANumber(coords, "speed") ?? NotANumber(coords, "heading")) is { } notANumber)
        {
            return OsmAndParser.Refuse(raw, new(RejectReason.InvalidValue, notANumber), id);
        }

        var report = new PositionReport(id, ReportSource.OsmAnd, time, new GeoPoint(lat, lon), Number(coords, "altitude"), StatedAccuracy.Of(Number(coords, "accuracy")),
            NonNegative(Number(coords, "speed")), NonNegative(Number(coords, "heading")));
        if (stoppedFixStands > TimeSpan.Zero && location.TryGetProperty("is_moving", out var moving) && moving.ValueKind == JsonValueKind.False)
        {
            // The app's word after minutes of stillness outweighs one GPS speed sample taken as it says it.
            report = report with { SpeedMps = 0, StaleAt = time + stoppedFixStands };
        }

        return IncomingReport.Parsed(ReportSource.OsmAnd, raw, report);
    }

    private static double? NonNegative(double? value) => value is >= 0 ? value : null;

    /// <summary>Null when the field is a finite number, null or absent; else that it must be a number, naming it.</summary>
    private static string? NotANumber(JsonElement parent, string name) =>
        !parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null || Number(parent, name) is not null ? null
        : JsonKinds.NotANumber($"location.coords.{name}", e.ValueKind);

    private static double? Number(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) && double.IsFinite(v) ? v : null;

    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        _ => null,
    };
}
