using BenchmarkDotNet.Attributes;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;

namespace Command.Benchmarks.Ingest;

/// <summary>
/// What learning each device's clock adds to every report the intake takes: 2,000 devices in turn, each report a
/// second after its device's last, half of them from clocks 30 s fast (put right) and half keeping the host's time.
/// Run with: dotnet run -c Release --project tools/Command.Benchmarks -- --filter '*DeviceClockBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class DeviceClockBenchmarks
{
    private const int Devices = 2_000;
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private readonly DeviceClocks clocks = new(ValidationOptions.Default);
    private readonly PositionReport[] reports = [.. Enumerable.Range(0, Devices).Select(i =>
        new PositionReport($"unit-{i}", ReportSource.CoT, Start, new GeoPoint(39.7392, -104.9903), AccuracyM: 5))];

    private long tick;

    /// <summary>One report through <see cref="DeviceClocks.Retime"/> (the figure includes making the report it is handed).</summary>
    [Benchmark]
    public PositionReport Retime()
    {
        var n = tick++;
        var device = (int)(n % Devices);
        var received = Start.AddSeconds(n / Devices).AddMilliseconds(device % 1000);
        var ahead = device % 2 == 0 ? TimeSpan.FromSeconds(30) : TimeSpan.Zero;
        return clocks.Retime(reports[device] with { FixTime = received + ahead - TimeSpan.FromMilliseconds(300) }, received);
    }
}
