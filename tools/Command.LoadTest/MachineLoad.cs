namespace Command.LoadTest;

/// <summary>
/// The machine's one-minute load average, printed beside cluster figures: a cluster's hosts, Azurite and this tool
/// share the cores with whatever else runs, and the figures move with it.
/// </summary>
internal static class MachineLoad
{
    /// <summary>"load average 1.23", or "load average unknown" where /proc/loadavg is not to be read.</summary>
    public static string Describe() =>
        File.Exists("/proc/loadavg") ? $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}" : "load average unknown";
}
