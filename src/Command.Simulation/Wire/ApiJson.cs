using System.Text.Json.Serialization;

namespace Command.Simulation.Wire;

/// <summary>The API's JSON shape: camelCase, nulls written (the API documents them as null, not absent).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CreateIncidentBody))]
[JsonSerializable(typeof(SiteBody))]
[JsonSerializable(typeof(ThreatBody))]
[JsonSerializable(typeof(EnrolUnitBody))]
[JsonSerializable(typeof(RoleBody))]
[JsonSerializable(typeof(StartOverBody))]
[JsonSerializable(typeof(ClockBody))]
[JsonSerializable(typeof(ExerciseBody))]
[JsonSerializable(typeof(ReportsBody))]
[JsonSerializable(typeof(ReportsOutcomeBody))]
[JsonSerializable(typeof(ProblemBody))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
