using System.Text.Json;
using System.Text.Json.Serialization;

namespace Command.Domain.Events;

/// <summary>The one JSON shape of events, shared by the session log, replay and the API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IncidentEvent))]
[JsonSerializable(typeof(List<IncidentEvent>))]
[JsonSerializable(typeof(Incidents.IncidentSnapshot))]
[JsonSerializable(typeof(Reports.PositionReport))]
public sealed partial class EventJsonContext : JsonSerializerContext;

/// <summary>Reads and writes events as JSON, one object per event.</summary>
public static class EventJson
{
    public static string Serialize(IncidentEvent e) => JsonSerializer.Serialize(e, EventJsonContext.Default.IncidentEvent);

    public static byte[] SerializeToUtf8(IncidentEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, EventJsonContext.Default.IncidentEvent);

    public static IncidentEvent Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, EventJsonContext.Default.IncidentEvent)
        ?? throw new JsonException("An event line was null.");

    /// <summary>A report as JSON: the raw text recorded when a report is refused after parsing.</summary>
    public static string Serialize(Reports.PositionReport report) => JsonSerializer.Serialize(report, EventJsonContext.Default.PositionReport);

    public static IncidentEvent Deserialize(string json) =>
        JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentEvent)
        ?? throw new JsonException("An event line was null.");
}
