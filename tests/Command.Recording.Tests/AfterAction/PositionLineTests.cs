using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Recording.AfterAction;
using Command.Recording.Layout;

namespace Command.Recording.Tests.AfterAction;

public sealed class PositionLineTests
{
    [Fact]
    public void The_reports_quick_read_of_a_position_line_gives_what_the_full_decoder_does()
    {
        var random = new Random(5);
        var start = new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= 500; i++)
        {
            var report = new PositionReport(
                random.Next(2) == 0 ? "u1" : "Patrol \"7\"", ReportSource.Json, start.AddTicks(random.NextInt64(TimeSpan.TicksPerHour)),
                new GeoPoint((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180),
                AltitudeM: random.Next(2) == 0 ? 120.5 + random.Next(20) : null, AccuracyM: 6, Floor: random.Next(3) == 0 ? null : random.Next(-2, 9),
                AltitudeDatum: random.Next(3) switch { 0 => null, 1 => AltitudeDatum.Ellipsoid, _ => AltitudeDatum.MeanSeaLevel },
                VerticalAccuracyM: random.Next(2) == 0 ? null : random.Next(1, 30), ClockCorrectionS: random.Next(4) == 0 ? Math.Round((random.NextDouble() - 0.5) * 600, 1) : null,
                ReceivedBy: random.Next(3) switch { 0 => null, 1 => "10.0.0.5:11111", _ => "10.0.0.6:11111" },
                Via: random.Next(3) switch { 0 => null, 1 => "Ingest:Cot:Udp", _ => "Ingest:Cot:TakServer" },
                WeekRolloverEras: random.Next(4) == 0 ? random.Next(1, 3) : null);
            var accepted = new PositionAccepted(report) { Sequence = i, Time = start.AddMilliseconds(i) };
            var line = EventLines.Encode([accepted]).Bytes.ToArray().AsSpan(..^1);

            Assert.True(PositionLine.TryParse(line, out var unitId, out var position, out var fixTime, out var time, out var floor, out var clockCorrectionS, out var takenIn, out var weekRolloverEras));

            var decoded = Assert.IsType<PositionAccepted>(EventLines.Decode(line));
            Assert.Equal(
                (decoded.Report.UnitId, decoded.Report.Position, decoded.Report.FixTime, decoded.Time, ReportedFloor.Of(decoded.Report), decoded.Report.ClockCorrectionS, TakenIn.Of(decoded.Report), decoded.Report.WeekRolloverEras),
                (unitId, position, fixTime, time, floor, clockCorrectionS, takenIn, weekRolloverEras));
        }
    }
}
