using System.Text.Json;
using System.Text.Json.Serialization;
using Command.Domain.Assessment;
using Command.Domain.Events;

namespace Command.Host.Live;

/// <summary>
/// Writes unit assessments for the live feed by hand. They are most of every frame, and the general serializer
/// spends more on its twenty-odd properties than on the JSON itself. The shape is exactly the serializer's
/// (camelCase names, enums as camelCase strings, nulls left out), so browsers see no difference.
/// </summary>
public sealed class UnitAssessmentConverter : JsonConverter<UnitAssessment>
{
    private static readonly JsonEncodedText UnitId = JsonEncodedText.Encode("unitId");
    private static readonly JsonEncodedText Callsign = JsonEncodedText.Encode("callsign");
    private static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");
    private static readonly JsonEncodedText LastFix = JsonEncodedText.Encode("lastFix");
    private static readonly JsonEncodedText ThreatId = JsonEncodedText.Encode("threatId");
    private static readonly JsonEncodedText DistanceM = JsonEncodedText.Encode("distanceM");
    private static readonly JsonEncodedText PathDistanceM = JsonEncodedText.Encode("pathDistanceM");
    private static readonly JsonEncodedText ClosingRateMps = JsonEncodedText.Encode("closingRateMps");
    private static readonly JsonEncodedText EtaS = JsonEncodedText.Encode("etaS");
    private static readonly JsonEncodedText BackupEtaS = JsonEncodedText.Encode("backupEtaS");
    private static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
    private static readonly JsonEncodedText StateSince = JsonEncodedText.Encode("stateSince");
    private static readonly JsonEncodedText Flag = JsonEncodedText.Encode("flag");
    private static readonly JsonEncodedText FlagReason = JsonEncodedText.Encode("flagReason");
    private static readonly JsonEncodedText Acknowledged = JsonEncodedText.Encode("acknowledged");
    private static readonly JsonEncodedText HoldS = JsonEncodedText.Encode("holdS");
    private static readonly JsonEncodedText CadenceS = JsonEncodedText.Encode("cadenceS");
    private static readonly JsonEncodedText Floor = JsonEncodedText.Encode("floor");
    private static readonly JsonEncodedText Climbing = JsonEncodedText.Encode("climbing");

    public override UnitAssessment Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Unit assessments are only ever sent to browsers.");

    public override void Write(Utf8JsonWriter writer, UnitAssessment value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(UnitId, value.UnitId);
        writer.WriteString(Callsign, value.Callsign);
        writer.WriteString(Role, EnumNames<Domain.Units.UnitRole>.Of(value.Role));
        if (value.LastFix is { } fix)
        {
            writer.WritePropertyName(LastFix);
            PositionReportWriter.Write(writer, fix, camelCaseEnums: true);
        }

        WriteIfSet(writer, ThreatId, value.ThreatId);
        WriteIfSet(writer, DistanceM, value.DistanceM);
        WriteIfSet(writer, PathDistanceM, value.PathDistanceM);
        WriteIfSet(writer, ClosingRateMps, value.ClosingRateMps);
        WriteIfSet(writer, EtaS, value.EtaS);
        WriteIfSet(writer, BackupEtaS, value.BackupEtaS);
        writer.WriteString(State, EnumNames<MotionState>.Of(value.State));
        if (value.StateSince is { } since)
        {
            writer.WriteString(StateSince, since);
        }

        writer.WriteString(Flag, EnumNames<FlagLevel>.Of(value.Flag));
        WriteIfSet(writer, FlagReason, value.FlagReason);
        writer.WriteBoolean(Acknowledged, value.Acknowledged);
        WriteIfSet(writer, HoldS, value.HoldS);
        WriteIfSet(writer, CadenceS, value.CadenceS);
        if (value.Floor is { } floor)
        {
            writer.WriteNumber(Floor, floor);
        }

        writer.WriteBoolean(Climbing, value.Climbing);
        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, JsonEncodedText name, double? value) => PositionReportWriter.WriteIfSet(writer, name, value);

    private static void WriteIfSet(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>An enum's values as the serializer's camelCase string converter names them, worked out once.</summary>
    private static class EnumNames<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<T, JsonEncodedText> Names =
            Enum.GetValues<T>().ToDictionary(v => v, v => JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(v.ToString())));

        public static JsonEncodedText Of(T value) => Names[value];
    }
}
