namespace Command.Ingest.Http;

/// <summary>
/// Requests one caller (its authenticated identity, else its address) may make to one class of endpoint
/// (configuration <c>Http:RateLimits:Reports</c> and <c>Http:RateLimits:Commands</c>).
/// </summary>
public sealed record CallerRateOptions
{
    /// <summary>Requests per second, sustained. Defaults: reports 50 (a batch each), commands 10.</summary>
    public double PerSecond { get; init; }

    /// <summary>Requests in a burst above the sustained rate. Defaults: reports 100, commands 20.</summary>
    public int Burst { get; init; }

    public static CallerRateOptions Reports { get; } = new() { PerSecond = 50, Burst = 100 };

    public static CallerRateOptions Commands { get; } = new() { PerSecond = 10, Burst = 20 };

    /// <summary>A sentence naming what is wrong, or null when the options are usable.</summary>
    public string? Problem(string section) =>
        !double.IsFinite(PerSecond) || PerSecond <= 0 ? $"{section}:PerSecond must be a positive number, not {PerSecond}"
        : Burst < 1 ? $"{section}:Burst must be at least 1, not {Burst}"
        : null;
}
