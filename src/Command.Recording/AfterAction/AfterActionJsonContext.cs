using System.Text.Json.Serialization;
using Command.Domain.AfterAction;

namespace Command.Recording.AfterAction;

/// <summary>JSON shape of the after-action report: camel case, enums as names, durations as "hh:mm:ss".</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AfterActionReport))]
internal sealed partial class AfterActionJsonContext : JsonSerializerContext;
