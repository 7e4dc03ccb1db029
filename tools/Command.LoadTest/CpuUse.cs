using System.Diagnostics;

namespace Command.LoadTest;

/// <summary>
/// CPU time the processes a phase loads (each source) and this tool spent over a phase, per report: a figure other
/// work on the machine does not move, unlike reports per second.
/// </summary>
public sealed class CpuUse(params IReadOnlyList<CpuSource> sources)
{
    private TimeSpan[] starts = [.. sources.Select(s => s.Used())];
    private TimeSpan toolStart = Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>Starts counting afresh.</summary>
    public void Restart()
    {
        starts = [.. sources.Select(s => s.Used())];
        toolStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    /// <summary>Microseconds of CPU per report each source, then this tool ("load tool"), spent since the last restart.</summary>
    public IReadOnlyList<CpuShare> PerReportBySource(long reports)
    {
        var tool = (Process.GetCurrentProcess().TotalProcessorTime - toolStart).TotalMicroseconds / Math.Max(1, reports);
        return [.. sources.Select((s, i) => new CpuShare(s.Name, (s.Used() - starts[i]).TotalMicroseconds / Math.Max(1, reports))), new CpuShare("load tool", tool)];
    }

    /// <summary>"host 12.3 µs, load tool 4.5 µs of CPU per report" since the last restart.</summary>
    public string PerReport(long reports) => Describe(PerReportBySource(reports));

    /// <summary>Shares as <see cref="PerReport"/> words them.</summary>
    public static string Describe(IEnumerable<CpuShare> shares) =>
        $"{string.Join(", ", shares.Select(s => $"{s.Name} {s.Microseconds:N1} µs"))} of CPU per report";
}

/// <summary>A process, or processes, whose CPU a phase counts under one name ("host", "3 hosts", "Azurite").</summary>
public sealed record CpuSource(string Name, Func<TimeSpan> Used);

/// <summary>The microseconds of CPU one source spent per report.</summary>
public sealed record CpuShare(string Name, double Microseconds);
