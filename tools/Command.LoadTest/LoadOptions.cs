namespace Command.LoadTest;

/// <summary>What a load run does; every value has a default that fits a 2-core machine.</summary>
public sealed record LoadOptions
{
    /// <summary>A running host to load; when null the tool starts one (Release build of src/Command.Host).</summary>
    public Uri? Url { get; init; }

    /// <summary>Seconds each measured phase runs. Default 10.</summary>
    public int Seconds { get; init; } = 10;

    /// <summary>
    /// Seconds each phase runs unmeasured first, so the JIT has tiered up the paths the phase takes and the
    /// figures are the host's steady state, as in a drill that has run for a while. Default 10.
    /// </summary>
    public int WarmupSeconds { get; init; } = 10;

    /// <summary>Incidents in the ceiling runs; each has one sender with one request in flight. Default 16.</summary>
    public int Incidents { get; init; } = 16;

    /// <summary>Units per incident in the ceiling runs; a batch reports each once. Default 500.</summary>
    public int Units { get; init; } = 500;

    /// <summary>Browsers connected during the ceiling run. Default 20.</summary>
    public int CeilingClients { get; init; } = 20;

    /// <summary>Offered rate of the latency run, reports/s. Default 10,000.</summary>
    public int LatencyRate { get; init; } = 10_000;

    /// <summary>Browsers connected during the latency run. Default 50.</summary>
    public int LatencyClients { get; init; } = 50;

    /// <summary>Incidents the scale phase opens and leaves quiet. Default 1,000.</summary>
    public int ScaleIncidents { get; init; } = 1_000;

    /// <summary>Units in each of the scale phase's incidents. Default 100.</summary>
    public int ScaleUnits { get; init; } = 100;

    /// <summary>
    /// Hosts of a local cluster (deploy/local/cluster.sh) to run the end-to-end ceiling through, against the same
    /// load through one host of a cluster of one; null runs the phases on a single host instead. Default null.
    /// </summary>
    public int? Cluster { get; init; }

    /// <summary>Kills -9 the failover phase makes, one at a time. Default 5.</summary>
    public int Kills { get; init; } = 5;

    /// <summary>
    /// Runs only this phase (bare, ceiling, latency, scale, or failover), to profile it; null runs the first three.
    /// The scale and failover phases run only when asked for. Default null.
    /// </summary>
    public string? Only { get; init; }

    /// <summary>Whether this run measures <paramref name="phase"/>.</summary>
    public bool Runs(string phase) => Only == phase || (Only is null && phase is not ("scale" or "failover"));
}
