namespace Command.Host.Ingest;

/// <summary>
/// When the cluster last heard from a host (keyed by its silo's address, "10.0.0.5:11111"), told by the host itself every
/// <see cref="HostPulse.Every"/>. The cluster notices a host gone only once it has missed its probes, seconds after it
/// stopped: the host's leaving is recorded then, with when it was last heard from (<see cref="Domain.Events.HostDeparted"/>).
/// </summary>
public interface IHostPulseGrain : IGrainWithStringKey
{
    /// <summary>The run <paramref name="generation"/> of the host was running at <paramref name="at"/>.</summary>
    Task Beat(int generation, DateTimeOffset at);

    /// <summary>When run <paramref name="generation"/> of the host was last heard from; null when that run never beat (or one after it has).</summary>
    Task<DateTimeOffset?> LastHeard(int generation);
}
