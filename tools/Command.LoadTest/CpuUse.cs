using System.Diagnostics;

namespace Command.LoadTest;

/// <summary>
/// CPU time the host and this tool spent over a phase, per report: a figure other work on the machine does not
/// move, unlike reports per second.
/// </summary>
public sealed class CpuUse(HostProcess? host)
{
    private TimeSpan hostStart = host?.Cpu ?? TimeSpan.Zero;
    private TimeSpan toolStart = Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>Starts counting afresh.</summary>
    public void Restart()
    {
        hostStart = host?.Cpu ?? TimeSpan.Zero;
        toolStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    /// <summary>"host 12.3 µs, load tool 4.5 µs of CPU per report" since the last restart.</summary>
    public string PerReport(long reports)
    {
        var tool = (Process.GetCurrentProcess().TotalProcessorTime - toolStart).TotalMicroseconds / Math.Max(1, reports);
        var hostPart = host is null ? "" : $"host {(host.Cpu - hostStart).TotalMicroseconds / Math.Max(1, reports):N1} µs, ";
        return $"{hostPart}load tool {tool:N1} µs of CPU per report";
    }
}
