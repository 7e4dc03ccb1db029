namespace Command.Host.Live;

/// <summary>
/// The incidents this host's browsers watch: one grain subscription per incident while anyone watches it,
/// renewed on a timer (the grain drops observers that stop renewing, and forgets them all when it deactivates).
/// </summary>
public sealed class IncidentFeeds(IGrainFactory grains, FrameFanout fanout, ILogger<IncidentFeed> logger) : BackgroundService
{
    /// <summary>How often every feed renews its subscription. 30 s, well inside the grain's 2-minute expiry.</summary>
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, IncidentFeed> feeds = new(StringComparer.Ordinal);

    /// <summary>Starts sending this incident's frames to a connection; subscribes to the grain if nobody here did yet.</summary>
    public async Task JoinAsync(string connectionId, string incidentId)
    {
        fanout.Add(incidentId, connectionId);
        IncidentFeed? created = null;
        await gate.WaitAsync();
        try
        {
            if (!feeds.ContainsKey(incidentId))
            {
                created = feeds[incidentId] = new IncidentFeed(incidentId, grains, fanout, logger);
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
        await fanout.RemoveAsync(incidentId, connectionId);
        await CloseUnwatchedAsync();
    }

    public async Task DisconnectedAsync(string connectionId)
    {
        await fanout.RemoveConnectionAsync(connectionId);
        await CloseUnwatchedAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var feed in await WithGate(() => feeds.Values.ToList()))
            {
                await feed.RenewAsync();
            }
        }
    }

    private async Task CloseUnwatchedAsync()
    {
        var closing = await WithGate(() =>
        {
            var unwatched = feeds.Values.Where(f => !fanout.HasClients(f.IncidentId)).ToList();
            foreach (var feed in unwatched)
            {
                feeds.Remove(feed.IncidentId);
            }

            return unwatched;
        });
        foreach (var feed in closing)
        {
            await feed.CloseAsync();
        }
    }

    private async Task<T> WithGate<T>(Func<T> action)
    {
        await gate.WaitAsync();
        try
        {
            return action();
        }
        finally
        {
            gate.Release();
        }
    }
}
