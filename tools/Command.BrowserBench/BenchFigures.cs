namespace Command.BrowserBench;

/// <summary>What one run measured in the page, and what the host was given meanwhile.</summary>
internal sealed record BenchFigures(
    int Units,
    int UnitsShown,
    double Seconds,
    double BusyShare,
    double LongestTaskMs,
    double FramesPerSecond,
    IReadOnlyList<double> ClickToCentreMs,
    int ClicksMade,
    double MaxOffCentrePx,
    double ReportsPerSecond,
    double HostCpuShare,
    ProbeWire Wire)
{
    public static void PrintTable(IEnumerable<BenchFigures> runs)
    {
        Console.WriteLine();
        Console.WriteLine("| units | shown | main thread in long tasks | longest task | frames/s | click → centred, median / max | clicks centred | reports/s | host CPU | whole picture: bytes, per unit | frames: bytes per unit carried | frames came late, latest / most | page said |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in runs)
        {
            var sorted = r.ClickToCentreMs.Order().ToList();
            var clicks = sorted.Count == 0 ? "—" : $"{sorted[sorted.Count / 2]:N0} / {sorted[^1]:N0} ms";
            Console.WriteLine($"| {r.Units:N0} | {r.UnitsShown:N0} | {r.BusyShare:P1} | {r.LongestTaskMs:N0} ms | {r.FramesPerSecond:N1} | {clicks} | {sorted.Count} of {r.ClicksMade} | {r.ReportsPerSecond:N0} | {r.HostCpuShare:P0} | {r.Wire.SnapshotBytes:N0} B, {r.Wire.SnapshotBytesPerUnit:N0} B | {r.Wire.FrameBytesPerUnit:N0} B | {r.Wire.LatestAgeMs / 1000:N1} / {r.Wire.OldestAgeMs / 1000:N1} s | {r.Wire.Said} |");
        }
    }
}
