using System.Text.Json;
using System.Text.Json.Serialization;

namespace Command.Domain.Annotations;

/// <summary>The one JSON shape of annotations, for the stream beside a recording and the API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Annotation))]
public sealed partial class AnnotationJsonContext : JsonSerializerContext;

/// <summary>Reads and writes annotations, one JSON object per line.</summary>
public static class AnnotationJson
{
    public static byte[] SerializeLine(Annotation annotation)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(annotation, AnnotationJsonContext.Default.Annotation);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    public static Annotation Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, AnnotationJsonContext.Default.Annotation) ?? throw new JsonException("An annotation line was null.");
}
