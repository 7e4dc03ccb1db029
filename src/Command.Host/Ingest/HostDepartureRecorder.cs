using Command.Grains.Directory;
using Command.Grains.Incidents;

namespace Command.Host.Ingest;

/// <summary>
/// Tells the open incidents when a run of a host has left the cluster (declared dead: by the others, or by a new run
/// of it come up at its address, restarted sooner than the others noticed), so that their boards, replays and
/// after-action reports say why units reporting through it went quiet together, and the listeners it said were down
/// are no longer down in them: a board would otherwise say "nothing heard from NMEA over TCP on port 10110" for as long
/// as the incident stays open, and a new run says again how its own stand. Every host tells; an incident records each
/// run once, with when the cluster last heard from it (<see cref="HostPulse"/>), where known. A telling that fails (the incident cannot reach its recording, or its silo is busy) is
/// tried again at the next change of membership or within <see cref="RetryEvery"/>.
/// </summary>
public sealed partial class HostDepartureRecorder(
    IClusterMembershipService membership, IGrainFactory grains, ILocalSiloDetails silo, ILogger<HostDepartureRecorder> logger) : BackgroundService
{
    /// <summary>How soon a departure not yet told to every open incident is told again.</summary>
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(30);

    private readonly HashSet<SiloAddress> told = [];
    private readonly SemaphoreSlim telling = new(1, 1);
    private bool joined;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(FollowAsync(stoppingToken), RetryAsync(stoppingToken));

    // Each change of membership as the cluster agrees on it.
    private async Task FollowAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                await TellOnceAsync(snapshot, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // The membership as it stands, now and then: what could not be told before is told again.
    private async Task RetryAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RetryEvery);
        try
        {
            do
            {
                await TellOnceAsync(membership.CurrentSnapshot, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // One telling at a time: both loops tell from the same list of hosts told.
    private async Task TellOnceAsync(ClusterMembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        await telling.WaitAsync(cancellationToken);
        try
        {
            await TellAsync(snapshot, cancellationToken);
        }
        finally
        {
            telling.Release();
        }
    }

    // Each run of a host the snapshot has dead, not yet told to every open incident; restarted where a run is alive at
    // its address.
    private async Task TellAsync(ClusterMembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        // The hosts dead as this one joins left before it (the cluster keeps them listed for days): the hosts up then
        // told the incidents open then. Told now, each run a cluster ever had would be recorded as leaving every incident
        // opened since, a run restarted yesterday among them.
        if (!joined)
        {
            if (snapshot.GetSiloStatus(silo.SiloAddress) != SiloStatus.Active)
            {
                return;
            }

            told.UnionWith(snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress));
            joined = true;
            return;
        }

        var living = snapshot.Members.Values.Where(m => m.Status != SiloStatus.Dead).Select(m => m.SiloAddress.Endpoint).ToHashSet();
        var departed = snapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Dead && !told.Contains(m.SiloAddress))
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
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, "the directory", e);
            return;
        }

        foreach (var address in departed)
        {
            var host = address.Endpoint.ToString();
            var lastHeard = await LastHeardAsync(address, cancellationToken);
            var everyOne = true;
            foreach (var incident in open)
            {
                try
                {
                    var recorded = await grains.GetGrain<IIncidentGrain>(incident.IncidentId)
                        .HostLeft(host, by, address.Generation, living.Contains(address.Endpoint), lastHeard).WaitAsync(cancellationToken);
                    if (recorded > 0)
                    {
                        LogRecorded(logger, incident.IncidentId, recorded, host);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
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

    // When the cluster last heard from that run of the host (its last pulse); its leaving is recorded without it where that
    // cannot be read, rather than not at all.
    private async Task<DateTimeOffset?> LastHeardAsync(SiloAddress address, CancellationToken cancellationToken)
    {
        try
        {
            return await HostPulse.Of(grains, address).LastHeard(address.Generation).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotHeard(logger, address.Endpoint.ToString(), e);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {Incident} recorded {Count} event(s) of host {Host} leaving the cluster: that it left, and each listener of it no longer waited on")]
    private static partial void LogRecorded(ILogger logger, string incident, int count, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read when host {Host} was last heard from; its leaving is recorded without it")]
    private static partial void LogNotHeard(ILogger logger, string host, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell {Whom} of a host that left the cluster; telling again shortly")]
    private static partial void LogFailed(ILogger logger, string whom, Exception exception);
}
