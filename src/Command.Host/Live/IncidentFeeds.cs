using Microsoft.AspNetCore.SignalR;

namespace Command.Host.Live;

/// <summary>
/// The incidents this host's browsers watch: one feed per incident while anyone watches it, renewed on a timer
/// (the grain drops observers that stop renewing, and forgets them all when it deactivates).
/// </summary>
public sealed class IncidentFeeds(IGrainFactory grains, IHubContext<IncidentHub> hub, ILogger<IncidentFeed> logger) : BackgroundService
{
    /// <summary>How often every feed renews its subscription. 30 s, well inside the grain's 2-minute expiry.</summary>
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, IncidentFeed> feeds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> watching = new(StringComparer.Ordinal);

    public async Task JoinAsync(string connectionId, string incidentId)
    {
        await hub.Groups.AddToGroupAsync(connectionId, IncidentFeed.Group(incidentId));
        IncidentFeed? created = null;
        await gate.WaitAsync();
        try
        {
            (watching.TryGetValue(connectionId, out var set) ? set : watching[connectionId] = new(StringComparer.Ordinal)).Add(incidentId);
            if (!feeds.ContainsKey(incidentId))
            {
                created = feeds[incidentId] = new IncidentFeed(incidentId, grains, hub, logger);
            }
        }
        finally
        {
            gate.Release();
        }

        if (created is not null)
        {
            await created.RenewAsync();
        }
    }

    public async Task LeaveAsync(string connectionId, string incidentId)
    {
        await hub.Groups.RemoveFromGroupAsync(connectionId, IncidentFeed.Group(incidentId));
        await ForgetAsync(connectionId, [incidentId]);
    }

    public async Task DisconnectedAsync(string connectionId)
    {
        string[] incidents;
        await gate.WaitAsync();
        try
        {
            incidents = watching.TryGetValue(connectionId, out var set) ? [.. set] : [];
        }
        finally
        {
            gate.Release();
        }

        await ForgetAsync(connectionId, incidents);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var feed in await SnapshotAsync())
            {
                await feed.RenewAsync();
            }
        }
    }

    private async Task ForgetAsync(string connectionId, IEnumerable<string> incidents)
    {
        var closing = new List<IncidentFeed>();
        await gate.WaitAsync();
        try
        {
            foreach (var incidentId in incidents)
            {
                if (watching.TryGetValue(connectionId, out var set))
                {
                    set.Remove(incidentId);
                    if (set.Count == 0)
                    {
                        watching.Remove(connectionId);
                    }
                }

                if (!watching.Values.Any(s => s.Contains(incidentId)) && feeds.Remove(incidentId, out var feed))
                {
                    closing.Add(feed);
                }
            }
        }
        finally
        {
            gate.Release();
        }

        foreach (var feed in closing)
        {
            await feed.CloseAsync();
        }
    }

    private async Task<IncidentFeed[]> SnapshotAsync()
    {
        await gate.WaitAsync();
        try
        {
            return [.. feeds.Values];
        }
        finally
        {
            gate.Release();
        }
    }
}
