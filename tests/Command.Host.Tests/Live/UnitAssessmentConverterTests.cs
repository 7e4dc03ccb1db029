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
    public void Written_by_hand_exactly_as_the_serializer_writes_it()
    {
        var general = new JsonSerializerOptions(HubOptions);
        general.Converters.Remove(general.Converters.OfType<UnitAssessmentConverter>().Single());
        var random = new Random(7);
        var units = Enumerable.Range(0, 2_000).Select(i => Assessment(random, i)).ToList();

        foreach (var unit in units)
        {
            Assert.Equal(JsonSerializer.Serialize(unit, general), JsonSerializer.Serialize(unit, HubOptions));
        }

        Assert.Contains(units, u => u.LastFix is null);
        Assert.Contains(units, u => u.LastFix?.RoleHint is not null);
    }

    private static UnitAssessment Assessment(Random random, int i)
    {
        T Pick<T>(T[] values) => values[random.Next(values.Length)];
        double? Maybe(double scale) => random.Next(3) == 0 ? null : Math.Round((random.NextDouble() - 0.3) * scale, random.Next(8));
        string? MaybeText() => random.Next(3) == 0 ? null : Pick(["Patrol 1", "O'Brien \"Bravo\" <3>", "Ünit-ß", "line\nbreak", ""]);
        var time = new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(TimeSpan.TicksPerHour));
        var fix = random.Next(4) == 0 ? null : new PositionReport(
            $"u{i}", Pick(Enum.GetValues<ReportSource>()), time, new GeoPoint(44 + random.NextDouble(), -100 + random.NextDouble()),
            Maybe(300), Maybe(50), Maybe(30), Maybe(360), MaybeText(), random.Next(2) == 0 ? null : Pick(Enum.GetValues<UnitRole>()));
        return new UnitAssessment(
            $"u{i}", MaybeText() ?? "U", Pick(Enum.GetValues<UnitRole>()), fix, random.Next(2) == 0 ? null : "T1",
            Maybe(500), Maybe(700), Maybe(3), Maybe(300), Maybe(600), Pick(Enum.GetValues<MotionState>()),
            random.Next(2) == 0 ? null : time.AddSeconds(-random.Next(300)), Pick(Enum.GetValues<FlagLevel>()), MaybeText(), random.Next(2) == 0,
            Maybe(200), Maybe(30), random.Next(3) == 0 ? null : random.Next(-2, 6), random.Next(2) == 0);
    }
}
