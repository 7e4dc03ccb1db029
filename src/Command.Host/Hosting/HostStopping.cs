namespace Command.Host.Hosting;

/// <summary>
/// A host's stop as the clients of the cluster's storage see it (grain state and the membership table): once
/// <see cref="Begun"/> is cancelled, each request is tried once, for at most <see cref="Timeout"/>
/// (<see cref="SiloOptions.LeaveTimeout"/>). A stopping host does not stay to retry what it leaves behind on storage that
/// does not answer; the recording, which keeps what was accepted, has its own client and its own time at stop.
/// </summary>
public readonly record struct HostStopping(TimeSpan Timeout, CancellationToken Begun)
{
    /// <summary>A host that never stops, for a client made outside one.</summary>
    public static HostStopping Never => new(System.Threading.Timeout.InfiniteTimeSpan, CancellationToken.None);

    /// <summary>The stop of the host <paramref name="lifetime"/> belongs to, bounded by its <see cref="SiloOptions.LeaveTimeout"/>.</summary>
    public static HostStopping Of(SiloOptions silo, IHostApplicationLifetime lifetime) => new(silo.LeaveTimeout, lifetime.ApplicationStopping);

    /// <summary>Whether the host has begun to stop.</summary>
    public bool UnderWay => Begun.IsCancellationRequested;
}
