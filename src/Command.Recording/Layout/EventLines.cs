using System.Buffers;
using System.Text.Json;
using Command.Domain.Events;

namespace Command.Recording.Layout;

/// <summary>Encodes events as JSON lines (one compact object and '\n' per event) and decodes one line.</summary>
internal static class EventLines
{
    public const byte NewLine = (byte)'\n';

    public static EncodedBatch Encode(IReadOnlyList<IncidentEvent> events)
    {
        // A recorded position is about 200 bytes.
        var buffer = new PooledBufferWriter(events.Count * 220);
        // The serializer and the position writer write well-formed JSON; checking each token again is waste.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            foreach (var e in events)
            {
                if (e is PositionAccepted accepted)
                {
                    PositionAcceptedWriter.Write(writer, accepted);
                }
                else
                {
                    JsonSerializer.Serialize(writer, e, EventJsonContext.Default.IncidentEvent);
                }

                writer.Flush();
                buffer.Write([NewLine]);
                writer.Reset();
            }
        }

        return EncodedBatch.Rent(buffer.Detach(), buffer.Written, events);
    }

    public static IncidentEvent Decode(ReadOnlySpan<byte> line) => EventJson.Deserialize(line);

    /// <summary>Checks order before anything is written: sequences must rise strictly within a call.</summary>
    public static void RequireOrdered(IReadOnlyList<IncidentEvent> events)
    {
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Sequence <= events[i - 1].Sequence)
            {
                throw new ArgumentException(
                    $"Events must be in rising sequence order; {events[i].Sequence} follows {events[i - 1].Sequence}.", nameof(events));
            }
        }
    }
}
