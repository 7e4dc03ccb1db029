using System.Text.Json;
using Command.Domain.Events;

namespace Command.Recording.Layout;

/// <summary>
/// Writes a position-accepted event exactly as the generated serializer does, by hand: positions are nearly every
/// line of a session, and the general path's polymorphic dispatch costs more than the JSON.
/// </summary>
internal static class PositionAcceptedWriter
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Discriminator = JsonEncodedText.Encode("position-accepted");
    private static readonly JsonEncodedText Report = JsonEncodedText.Encode("report");
    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");

    public static void Write(Utf8JsonWriter writer, PositionAccepted accepted)
    {
        writer.WriteStartObject();
        writer.WriteString(Type, Discriminator);
        writer.WritePropertyName(Report);
        PositionReportWriter.Write(writer, accepted.Report, camelCaseEnums: false);
        writer.WriteNumber(Sequence, accepted.Sequence);
        writer.WriteString(Time, accepted.Time);
        writer.WriteEndObject();
    }
}
