using System.Text.Json;
using System.Text.Json.Serialization;
using Command.Domain.Assessment;
using Command.Domain.Events;

namespace Command.Host.Live;

/// <summary>
/// Writes unit assessments for the live feed by hand. They are most of every frame, and the general serializer
/// spends more on its twenty-odd properties than on the JSON itself. The shape is the serializer's (camelCase names,
/// enums as camelCase strings, nulls left out) less what a frame need not carry, so that a page over a slow link catches
/// up sooner: a flag not acknowledged and a unit not climbing leave those out (false), and the latest fix its unit id (the
/// row names the unit) and whether its position is valid (every fix taken in is); a reader takes what is missing as its
/// default. The numbers are rounded to what a board or map can show (see <see cref="Round"/>), since writing a computed
/// double to all its seventeen digits costs more than the rest of the unit. The HTTP API and the recording keep all of it, exact.
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
    private static readonly JsonEncodedText Overdue = JsonEncodedText.Encode("overdue");
    private static readonly JsonEncodedText ArrivalReason = JsonEncodedText.Encode("arrivalReason");
    private static readonly JsonEncodedText Building = JsonEncodedText.Encode("building");
    private static readonly JsonEncodedText InReachReason = JsonEncodedText.Encode("inReachReason");
    private static readonly JsonEncodedText HeldBackReason = JsonEncodedText.Encode("heldBackReason");
    private static readonly JsonEncodedText HeldAt = JsonEncodedText.Encode("heldAt");
    private static readonly JsonEncodedText Latitude = JsonEncodedText.Encode("latitude");
    private static readonly JsonEncodedText Longitude = JsonEncodedText.Encode("longitude");
    private static readonly JsonEncodedText Refused = JsonEncodedText.Encode("refused");
    private static readonly JsonEncodedText At = JsonEncodedText.Encode("at");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText Detail = JsonEncodedText.Encode("detail");
    private static readonly JsonEncodedText Count = JsonEncodedText.Encode("count");
    private static readonly JsonEncodedText Alarm = JsonEncodedText.Encode("alarm");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText Since = JsonEncodedText.Encode("since");
    private static readonly JsonEncodedText Actor = JsonEncodedText.Encode("actor");
    private static readonly JsonEncodedText SignedOff = JsonEncodedText.Encode("signedOff");

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
            PositionReportWriter.Write(writer, fix, camelCaseEnums: true, CoordinateDecimals, receivedBy: Unheard(value), asFix: true);
        }

        WriteIfSet(writer, ThreatId, value.ThreatId);
        WriteIfSet(writer, DistanceM, value.DistanceM, Metres);
        WriteIfSet(writer, PathDistanceM, value.PathDistanceM, Metres);
        WriteIfSet(writer, ClosingRateMps, value.ClosingRateMps, Rate);
        WriteIfSet(writer, EtaS, value.EtaS, Seconds);
        WriteIfSet(writer, BackupEtaS, value.BackupEtaS, Seconds);
        writer.WriteString(State, EnumNames<MotionState>.Of(value.State));
        if (value.StateSince is { } since)
        {
            writer.WriteString(StateSince, since);
        }

        writer.WriteString(Flag, EnumNames<FlagLevel>.Of(value.Flag));
        WriteIfSet(writer, FlagReason, value.FlagReason);
        if (value.Acknowledged)
        {
            writer.WriteBoolean(Acknowledged, true);
        }

        WriteIfSet(writer, HoldS, value.HoldS, Seconds);
        WriteIfSet(writer, CadenceS, value.CadenceS, Seconds);
        if (value.Floor is { } floor)
        {
            writer.WriteNumber(Floor, floor);
        }

        if (value.Climbing)
        {
            writer.WriteBoolean(Climbing, true);
        }

        WriteIfSet(writer, ArrivalReason, value.ArrivalReason);
        WriteIfSet(writer, Building, value.Building);
        WriteIfSet(writer, InReachReason, value.InReachReason);
        if (value.Refused is { } refused)
        {
            writer.WriteStartObject(Refused);
            writer.WriteString(At, refused.At);
            writer.WriteString(Reason, refused.Reason);
            writer.WriteString(Detail, refused.Detail);
            writer.WriteNumber(Count, refused.Count);
            writer.WriteEndObject();
        }

        WriteIfSet(writer, HeldBackReason, value.HeldBackReason);
        if (value.HeldAt is { } held)
        {
            writer.WriteStartObject(HeldAt);
            writer.WriteNumber(Latitude, Math.Round(held.Latitude, CoordinateDecimals));
            writer.WriteNumber(Longitude, Math.Round(held.Longitude, CoordinateDecimals));
            writer.WriteEndObject();
        }

        if (value.Alarm is { } alarm)
        {
            writer.WriteStartObject(Alarm);
            writer.WriteString(Kind, alarm.Kind);
            writer.WriteString(Since, alarm.Since);
            writer.WriteString(Actor, alarm.Actor);
            writer.WriteEndObject();
        }

        if (value.SignedOff is { } off)
        {
            writer.WriteStartObject(SignedOff);
            writer.WriteString(At, off.At);
            writer.WriteString(Actor, off.Actor);
            writer.WriteEndObject();
        }

        if (value.Overdue is { } overdue)
        {
            writer.WriteBoolean(Overdue, overdue);
        }

        writer.WriteEndObject();
    }

    /// <summary>Decimals of latitude and longitude in a frame: seven, about a centimetre.</summary>
    public const int CoordinateDecimals = 7;

    private const int Metres = 1;
    private const int Rate = 2;
    private const int Seconds = 1;

    /// <summary>
    /// The assessment with its numbers as a frame carries them: distances to 0.1 m, closing rate to 0.01 m/s, times
    /// to 0.1 s, the fix's position to seven decimals; and without the host and the source that took the fix in, which the
    /// recording keeps for the after-action report, but for a unit stale or overdue: its row says where that source is down.
    /// </summary>
    public static UnitAssessment Round(UnitAssessment unit) => unit with
    {
        LastFix = unit.LastFix is { } fix
            ? fix with { Position = new(Math.Round(fix.Position.Latitude, CoordinateDecimals), Math.Round(fix.Position.Longitude, CoordinateDecimals)), ReceivedBy = IfUnheard(unit, fix.ReceivedBy), Via = IfUnheard(unit, fix.Via) }
            : null,
        HeldAt = unit.HeldAt is { } held ? new(Math.Round(held.Latitude, CoordinateDecimals), Math.Round(held.Longitude, CoordinateDecimals)) : null,
        DistanceM = RoundTo(unit.DistanceM, Metres),
        PathDistanceM = RoundTo(unit.PathDistanceM, Metres),
        ClosingRateMps = RoundTo(unit.ClosingRateMps, Rate),
        EtaS = RoundTo(unit.EtaS, Seconds),
        BackupEtaS = RoundTo(unit.BackupEtaS, Seconds),
        HoldS = RoundTo(unit.HoldS, Seconds),
        CadenceS = RoundTo(unit.CadenceS, Seconds),
    };

    // A unit not heard for longer than its cadence explains, shown stale or not (its last report's stale time standing).
    private static bool Unheard(UnitAssessment unit) => unit.State == MotionState.Stale || unit.Overdue == true;

    // What only an unheard unit's row reads.
    private static string? IfUnheard(UnitAssessment unit, string? took) => Unheard(unit) ? took : null;

    private static double? RoundTo(double? value, int decimals) => value is { } v ? Math.Round(v, decimals) : null;

    private static void WriteIfSet(Utf8JsonWriter writer, JsonEncodedText name, double? value, int decimals) =>
        PositionReportWriter.WriteIfSet(writer, name, RoundTo(value, decimals));

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
