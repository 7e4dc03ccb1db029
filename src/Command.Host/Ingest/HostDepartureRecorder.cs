using Command.Grains.Directory;
using Command.Grains.Incidents;

namespace Command.Host.Ingest;

/// <summary>
/// Tells the open incidents when a host has left the cluster (declared dead, and no host at its address since), so
/// that the listeners it said were down are no longer down in them: no host runs them now, and a board would otherwise
/// say "nothing heard from NMEA over TCP on port 10110" for as long as the incident stays open. Every host tells; an
/// incident records each once. A telling that fails (the incident cannot reach its recording, or its silo is busy) is
/// tried again at the next change of membership or after <see cref="RetryEvery"/>.
/// </summary>
public sealed partial class HostDepartureRecorder(
    IClusterMembershipService membership, IGrainFactory grains, ILocalSiloDetails silo, ILogger<HostDepartureRecorder> logger) : BackgroundService
{
    /// <summary>How soon a departure not yet told to every open incident is told again.</summary>
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(30);

    private readonly HashSet<SiloAddress> told = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var updates = membership.MembershipUpdates.GetAsyncEnumerator(stoppingToken);
        var next = updates.MoveNextAsync().AsTask();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await TellAsync(membership.CurrentSnapshot, stoppingToken);
                await Task.WhenAny(next, Task.Delay(RetryEvery, stoppingToken));
                if (next.IsCompleted)
                {
                    if (!await next)
                    {
                        return;
                    }

                    next = updates.MoveNextAsync().AsTask();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // Each host the snapshot has dead, with none alive at its address, not yet told to every open incident.
    private async Task TellAsync(ClusterMembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        var living = snapshot.Members.Values.Where(m => m.Status != SiloStatus.Dead).Select(m => m.SiloAddress.Endpoint).ToHashSet();
        var departed = snapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Dead && !told.Contains(m.SiloAddress) && !living.Contains(m.SiloAddress.Endpoint))
            .Select(m => m.SiloAddress)
            .ToList();
        if (departed.Count == 0)
        {
            return;
        }

        var by = silo.SiloAddress.Endpoint.ToString();
        IReadOnlyList<IncidentListing> open;
        try
        {
            open = [.. (await grains.GetGrain<IIncidentDirectoryGrain>(IIncidentDirectoryGrain.Key).List().WaitAsync(cancellationToken)).Where(i => i.ClosedAt is null)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, "the directory", e);
            return;
        }

        foreach (var address in departed)
        {
            var host = address.Endpoint.ToString();
            var everyOne = true;
            foreach (var incident in open)
            {
                try
                {
                    var recorded = await grains.GetGrain<IIncidentGrain>(incident.IncidentId).HostLeft(host, by).WaitAsync(cancellationToken);
                    if (recorded > 0)
                    {
                        LogRecorded(logger, incident.IncidentId, recorded, host);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    everyOne = false;
                    LogFailed(logger, $"incident {incident.IncidentId}", e);
                }
            }

            if (everyOne)
            {
                told.Add(address);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {Incident} no longer waits on {Count} listener(s) of host {Host}: it left the cluster")]
    private static partial void LogRecorded(ILogger logger, string incident, int count, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell {Whom} of a host that left the cluster; telling again shortly")]
    private static partial void LogFailed(ILogger logger, string whom, Exception exception);
}
