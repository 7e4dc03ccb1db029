using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Units;
using Command.Recording.Layout;

namespace Command.Recording.Tests.Writing;

public sealed class EventLinesTests
{
    [Fact]
    public void Positions_are_written_exactly_as_the_event_serializer_writes_them_and_read_back_the_same()
    {
        var random = new Random(11);
        T Pick<T>(T[] values) => values[random.Next(values.Length)];
        double? Maybe(double scale) => random.Next(3) == 0 ? null : Math.Round((random.NextDouble() - 0.3) * scale, random.Next(9));
        var start = new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

        for (var i = 1; i <= 2_000; i++)
        {
            var report = new PositionReport(
                Pick(["u1", "Patrol \"7\"", "Ünit-ß <x>"]), Pick(Enum.GetValues<ReportSource>()), start.AddTicks(random.NextInt64(TimeSpan.TicksPerHour)),
                new GeoPoint((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180), Maybe(300), Maybe(50), Maybe(30), Maybe(360),
                random.Next(2) == 0 ? null : Pick(["P1", "O'Brien\n", ""]), random.Next(2) == 0 ? null : Pick(Enum.GetValues<UnitRole>()),
                random.Next(3) == 0 ? random.Next(-2, 9) : null, random.Next(3) == 0 ? Pick(Enum.GetValues<AltitudeDatum>()) : null, Maybe(20));
            report = random.Next(3) == 0 ? report with { StaleAt = report.FixTime.AddTicks(1 + random.NextInt64(TimeSpan.TicksPerHour)) } : report;
            report = random.Next(2) == 0 ? report with { ReceivedBy = Pick(["10.0.0.5:11111", "[fd00::7]:11111"]) } : report;
            report = random.Next(2) == 0 ? report with { Via = Pick(["Ingest:Cot:Udp", "Ingest:OsmAnd"]) } : report;
            report = random.Next(4) == 0 ? report with { WeekRolloverEras = random.Next(1, 3) } : report;
            var accepted = new PositionAccepted(report) { Sequence = i, Time = start.AddMilliseconds(i) };

            var line = EventLines.Encode([accepted]).Bytes.ToArray();

            Assert.Equal([.. EventJson.SerializeToUtf8(accepted), EventLines.NewLine], line);
            Assert.Equal(accepted, EventLines.Decode(line.AsSpan(0, line.Length - 1)));
        }
    }
}
