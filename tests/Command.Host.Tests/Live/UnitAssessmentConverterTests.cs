using System.Text.Json;
using Command.Domain.Assessment;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Units;
using Command.Host.Live;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Live;

public sealed class UnitAssessmentConverterTests
{
    private static JsonSerializerOptions HubOptions => HubJson.Options;

    [Fact]
    public void Written_by_hand_exactly_as_the_serializer_writes_it_to_display_precision_less_what_a_frame_leaves_out()
    {
        var general = new JsonSerializerOptions(HubOptions);
        general.Converters.Remove(general.Converters.OfType<UnitAssessmentConverter>().Single());
        var random = new Random(7);
        var units = Enumerable.Range(0, 2_000).Select(i => Assessment(random, i)).ToList();

        foreach (var unit in units)
        {
            Assert.Equal(LeftOut(JsonSerializer.Serialize(UnitAssessmentConverter.Round(unit), general), unit), JsonSerializer.Serialize(unit, HubOptions));
        }

        Assert.Contains(units, u => u.LastFix is null);
        Assert.Contains(units, u => u.LastFix?.RoleHint is not null);
        Assert.Contains(units, u => u.InReachReason is not null);
        Assert.Contains(units, u => u.Refused is not null);
        Assert.Contains(units, u => u.HeldBackReason is not null);
        Assert.Contains(units, u => u.LastFix?.StaleAt is not null);
        Assert.Contains(units, u => u.LastFix?.ReceivedBy is not null);
        // An unheard unit's row says where the source it reported through is down; no other row reads where a fix came in.
        Assert.Contains(units, u => u.State == MotionState.Stale && u.LastFix?.Via is not null);
        Assert.Contains(units, u => u.State != MotionState.Stale && u.Overdue == true && u.LastFix?.Via is not null);
        Assert.All(units.Where(u => u.State != MotionState.Stale && u.Overdue is null && u.LastFix is not null), u =>
            Assert.DoesNotContain("\"via\"", JsonSerializer.Serialize(u, HubOptions), StringComparison.Ordinal));
        Assert.Contains(units, u => u.Alarm is not null);
        Assert.Contains(units, u => u.SignedOff is not null);
    }

    [Fact]
    public void A_frame_leaves_out_what_a_reader_takes_as_its_default_or_the_row_already_says()
    {
        var fix = new PositionReport("P1", ReportSource.Nmea, DateTimeOffset.UnixEpoch, new GeoPoint(44.1, -100.9), AccuracyM: 4);
        var plain = new UnitAssessment("P1", "Patrol 1", UnitRole.Contact, fix, "T1", 120, null, 1.5, 80, 0, MotionState.Closing,
            null, FlagLevel.None, null, false);
        var marked = plain with { Flag = FlagLevel.Watch, FlagReason = "holding", Acknowledged = true, Climbing = true };

        var json = JsonSerializer.Serialize(plain, HubOptions);
        var back = JsonSerializer.Deserialize<UnitAssessment>(json, CommandHost.Json)!;

        Assert.Equal(
            """{"unitId":"P1","callsign":"Patrol 1","role":"contact","lastFix":{"source":"nmea","fixTime":"1970-01-01T00:00:00+00:00","position":{"latitude":44.1,"longitude":-100.9},"accuracyM":4},"threatId":"T1","distanceM":120,"closingRateMps":1.5,"etaS":80,"backupEtaS":0,"state":"closing","flag":"none"}""",
            json);
        Assert.Equal((false, false, true), (back.Acknowledged, back.Climbing, back.LastFix!.Position.IsValid));
        var shown = JsonDocument.Parse(JsonSerializer.Serialize(marked, HubOptions)).RootElement;
        Assert.Equal((true, true), (shown.GetProperty("acknowledged").GetBoolean(), shown.GetProperty("climbing").GetBoolean()));
    }

    [Fact]
    public void Frame_numbers_are_rounded_to_what_a_board_can_show()
    {
        var fix = new PositionReport("P1", ReportSource.Nmea, DateTimeOffset.UnixEpoch, new GeoPoint(44.123456789012, -100.98765432109), AccuracyM: 4.123456);
        var unit = new UnitAssessment("P1", "P1", UnitRole.Contact, fix, "T1", 123.456789, 130.04, -0.456789, 61.26, 0.049, MotionState.Holding,
            null, FlagLevel.Watch, "holding", false, HoldS: 95.55, CadenceS: 1.0000001);

        var json = JsonDocument.Parse(JsonSerializer.Serialize(unit, HubOptions)).RootElement;

        Assert.Equal(
            [44.1234568, -100.9876543, 4.123456, 123.5, 130.0, -0.46, 61.3, 0.0, 95.6, 1.0],
            [json.GetProperty("lastFix").GetProperty("position").GetProperty("latitude").GetDouble(), json.GetProperty("lastFix").GetProperty("position").GetProperty("longitude").GetDouble(),
             json.GetProperty("lastFix").GetProperty("accuracyM").GetDouble(), json.GetProperty("distanceM").GetDouble(), json.GetProperty("pathDistanceM").GetDouble(),
             json.GetProperty("closingRateMps").GetDouble(), json.GetProperty("etaS").GetDouble(), json.GetProperty("backupEtaS").GetDouble(),
             json.GetProperty("holdS").GetDouble(), json.GetProperty("cadenceS").GetDouble()]);
    }

    // What the frame leaves out of what the serializer writes: false flags of no interest, and what the row says of its fix.
    private static string LeftOut(string written, UnitAssessment unit) => written
        .Replace(",\"acknowledged\":false", "", StringComparison.Ordinal)
        .Replace(",\"climbing\":false", "", StringComparison.Ordinal)
        .Replace($"\"lastFix\":{{\"unitId\":\"{unit.UnitId}\",", "\"lastFix\":{", StringComparison.Ordinal)
        .Replace(",\"isValid\":true}", "}", StringComparison.Ordinal);

    private static UnitAssessment Assessment(Random random, int i)
    {
        T Pick<T>(T[] values) => values[random.Next(values.Length)];
        double? Maybe(double scale) => random.Next(3) == 0 ? null : Math.Round((random.NextDouble() - 0.3) * scale, random.Next(8));
        string? MaybeText() => random.Next(3) == 0 ? null : Pick(["Patrol 1", "O'Brien \"Bravo\" <3>", "Ünit-ß", "line\nbreak", ""]);
        var time = new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(TimeSpan.TicksPerHour));
        var fix = random.Next(4) == 0 ? null : new PositionReport(
            $"u{i}", Pick(Enum.GetValues<ReportSource>()), time, new GeoPoint(44 + random.NextDouble(), -100 + random.NextDouble()),
            Maybe(300), Maybe(50), Maybe(30), Maybe(360), MaybeText(), random.Next(2) == 0 ? null : Pick(Enum.GetValues<UnitRole>()),
            random.Next(3) == 0 ? random.Next(-2, 9) : null, random.Next(3) == 0 ? Pick(Enum.GetValues<AltitudeDatum>()) : null, Maybe(20),
            random.Next(3) == 0 ? time.AddTicks(1 + random.NextInt64(TimeSpan.TicksPerHour)) : null, ReceivedBy: random.Next(2) == 0 ? null : "10.0.0.5:11111",
            Via: random.Next(2) == 0 ? null : "Ingest:Cot:Udp");
        return new UnitAssessment(
            $"u{i}", MaybeText() ?? "U", Pick(Enum.GetValues<UnitRole>()), fix, random.Next(2) == 0 ? null : "T1",
            Maybe(500), Maybe(700), Maybe(3), Maybe(300), Maybe(600), Pick(Enum.GetValues<MotionState>()),
            random.Next(2) == 0 ? null : time.AddSeconds(-random.Next(300)), Pick(Enum.GetValues<FlagLevel>()), MaybeText(), random.Next(2) == 0,
            Maybe(200), Maybe(30), random.Next(3) == 0 ? null : random.Next(-2, 6), random.Next(2) == 0, MaybeText(), MaybeText(), MaybeText(),
            random.Next(3) == 0 ? new RefusedReport(time, Pick(["future-fix", "implied-speed"]), MaybeText() ?? "", random.Next(1, 9)) : null,
            MaybeText(),
            Alarm: random.Next(3) == 0 ? new UnitAlarm(Pick(["911 Alert", "Troops In Contact"]), time, MaybeText() ?? "cot:P1@10.20.0.7") : null,
            SignedOff: random.Next(3) == 0 ? new UnitSignOff(time, MaybeText() ?? "cot:6c2d0f1e@10.20.0.2") : null,
            Overdue: random.Next(4) == 0 ? true : null);
    }
}
