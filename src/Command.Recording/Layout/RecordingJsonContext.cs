using System.Text.Json.Serialization;

namespace Command.Recording.Layout;

/// <summary>JSON shape of the manifest: camel case, indented so a person can read it.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SessionManifest))]
internal sealed partial class RecordingJsonContext : JsonSerializerContext;
