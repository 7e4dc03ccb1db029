using Command.Domain.Views;
using Command.Grains.Incidents;
using Command.Host.Replays;

namespace Command.Host.Live;

/// <summary>
/// The incidents and replays this host's browsers watch: one grain subscription per incident while anyone watches it,
/// renewed on a timer (the grain drops observers that stop renewing, and forgets them all when it deactivates).
/// A watched incident sends at least a heartbeat every couple of seconds; a feed that has heard nothing for three
/// of them subscribes again at once, which reaches the incident wherever it now lives (its silo died, it moved), and
/// brings its browsers the whole picture; one that could not yet bring it tries again every second.
/// </summary>
public sealed class IncidentFeeds(IGrainFactory grains, FrameFanout fanout, FramePacing pacing, TimeProvider clock, ILogger<IncidentFeed> logger) : BackgroundService
{
    /// <summary>How often every feed renews its subscription. 30 s, well inside the grain's 2-minute expiry.</summary>
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(30);

    /// <summary>How often feeds are looked over for silence. 1 s.</summary>
    public static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);

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
                created = feeds[incidentId] = new IncidentFeed(incidentId, Source(incidentId), grains, fanout, clock, logger);
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
        using var timer = new PeriodicTimer(WatchInterval, clock);
        var lastRenewal = clock.GetTimestamp();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var renewAll = clock.GetElapsedTime(lastRenewal) >= RenewInterval;
            lastRenewal = renewAll ? clock.GetTimestamp() : lastRenewal;
            foreach (var feed in await WithGate(() => feeds.Values.ToList()))
            {
                var silent = feed.Silence > pacing.Heartbeat * 3;
                if (renewAll || silent || feed.Behind)
                {
                    await feed.RenewAsync(silent);
                }
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

    // A feed id names a live incident, or a replay as "replay:{id}".
    private IFrameSource Source(string feedId) =>
        ReplayFeed.ReplayOf(feedId) is { } replayId ? grains.GetGrain<IReplayGrain>(replayId) : grains.GetGrain<IIncidentGrain>(feedId);

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
