using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Command.Domain.Views;
using Command.Grains.Incidents;
using Command.Recording.Layout;

namespace Command.Host.Live;

/// <summary>
/// A frame on its way to browsers, written as JSON once however many of them it goes to: the hub writes the
/// cached bytes for every connection that sends it. The bytes live in a pooled array (a busy incident's frame is
/// hundreds of kilobytes, which as a fresh array would land on the large object heap ten times a second) that
/// goes back to the pool when the last of its holders releases it.
/// </summary>
[JsonConverter(typeof(EncodedFrameConverter))]
public sealed class EncodedFrame(IncidentFrame frame, int holders = 1)
{
    private readonly Lock sync = new();
    private byte[]? json;
    private int length;
    private int holders = holders;

    public IncidentFrame Frame { get; } = frame;

    /// <summary>
    /// The frame's JSON under the hub's payload options (every connection of a hub is given the same options).
    /// Valid until this holder releases the frame.
    /// </summary>
    public ReadOnlyMemory<byte> Json(JsonSerializerOptions options)
    {
        lock (sync)
        {
            if (json is null)
            {
                // A unit's state is about 410 bytes of JSON in a frame, more with a long reason: room for 600 seldom grows.
                var buffer = new PooledBufferWriter(Math.Max(1024, Frame.Units.Length * 600));
                // What the serializer and the hand writers write is well formed; checking each token again is waste.
                using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true }))
                {
                    JsonSerializer.Serialize(writer, Frame, options);
                }

                length = buffer.Written;
                json = buffer.Detach();
            }

            return json.AsMemory(0, length);
        }
    }

    /// <summary>One holder is done with the frame (sent it, or merged it into a later one); the last gives the bytes back.</summary>
    public void Release()
    {
        lock (sync)
        {
            if (--holders == 0 && json is not null)
            {
                ArrayPool<byte>.Shared.Return(json);
                json = null;
            }
        }
    }
}

/// <summary>Writes an <see cref="EncodedFrame"/>'s cached JSON in place of the frame.</summary>
public sealed class EncodedFrameConverter : JsonConverter<EncodedFrame>
{
    public override EncodedFrame Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Frames are only ever sent.");

    public override void Write(Utf8JsonWriter writer, EncodedFrame value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json(options).Span, skipInputValidation: true);
}
