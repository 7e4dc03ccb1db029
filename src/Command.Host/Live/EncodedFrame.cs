using System.Text.Json;
using System.Text.Json.Serialization;
using Command.Grains.Incidents;

namespace Command.Host.Live;

/// <summary>
/// A frame on its way to browsers, written as JSON once however many of them it goes to: the hub writes the
/// cached bytes for every connection that sends it.
/// </summary>
[JsonConverter(typeof(EncodedFrameConverter))]
public sealed class EncodedFrame(IncidentFrame frame)
{
    private byte[]? json;

    public IncidentFrame Frame { get; } = frame;

    /// <summary>The frame's JSON under the hub's payload options; every connection of a hub is given the same options.</summary>
    public byte[] Json(JsonSerializerOptions options) => json ??= JsonSerializer.SerializeToUtf8Bytes(Frame, options);
}

/// <summary>Writes an <see cref="EncodedFrame"/>'s cached JSON in place of the frame.</summary>
public sealed class EncodedFrameConverter : JsonConverter<EncodedFrame>
{
    public override EncodedFrame Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Frames are only ever sent.");

    public override void Write(Utf8JsonWriter writer, EncodedFrame value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json(options), skipInputValidation: true);
}
