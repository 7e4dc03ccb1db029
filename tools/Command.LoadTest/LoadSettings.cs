namespace Command.LoadTest;

/// <summary>
/// What every host this tool starts runs with over the host's own defaults: no demo drill, warnings and worse only in
/// its log, and per-caller rate limits out of the way of a load generator that is one caller. One list for a host of
/// the tool's own (given on its command line) and a cluster's hosts (given in their environment).
/// </summary>
internal static class LoadSettings
{
    public static IReadOnlyDictionary<string, string> Host { get; } = new Dictionary<string, string>
    {
        ["Demo:Enabled"] = "false",
        ["Serilog:MinimumLevel:Default"] = "Warning",
        ["Http:RateLimits:Reports:PerSecond"] = "1000000",
        ["Http:RateLimits:Reports:Burst"] = "1000000",
        ["Http:RateLimits:Commands:PerSecond"] = "1000000",
        ["Http:RateLimits:Commands:Burst"] = "1000000",
    };

    /// <summary>A setting's key as an environment variable, as .NET configuration reads it: Demo:Enabled is Demo__Enabled.</summary>
    public static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
