using System.Collections.Concurrent;
using Command.Domain.Assessment;
using Command.Domain.Views;
using Command.Host.Live;
using Command.Recording.Reading;

namespace Command.Host.Replays;

/// <summary>The replays open on this host; closes those nobody has touched for <see cref="IdleLimit"/>.</summary>
public sealed class ReplayRegistry(SessionCatalogue catalogue, AssessmentOptions assessment, FrameFanout fanout, FramePacing pacing, TimeProvider clock, ILogger<ReplayPlayer> logger)
    : BackgroundService
{
    /// <summary>A replay idle this long is closed. 30 minutes.</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, ReplayPlayer> replays = new(StringComparer.Ordinal);

    public async Task<ReplayPlayer> OpenAsync(string incidentId, CancellationToken cancellationToken)
    {
        var session = await catalogue.OpenReplayAsync(incidentId, assessment: assessment, cancellationToken: cancellationToken);
        var player = new ReplayPlayer(
            Guid.NewGuid().ToString("N")[..12],
            session,
            async () => await Recording.AfterAction.AfterActionExport.BuildAsync(await catalogue.OpenAsync(incidentId, CancellationToken.None)),
            fanout,
            pacing,
            clock,
            logger);
        replays[player.ReplayId] = player;
        player.Start();
        return player;
    }

    public ReplayPlayer? Find(string replayId) => replays.GetValueOrDefault(replayId);

    /// <summary>The player behind a feed id such as "replay:abc123", if it is one.</summary>
    public ReplayPlayer? FindFeed(string feedId) =>
        feedId.StartsWith("replay:", StringComparison.Ordinal) ? Find(feedId["replay:".Length..]) : null;

    public async Task<bool> CloseAsync(string replayId)
    {
        if (!replays.TryRemove(replayId, out var player))
        {
            return false;
        }

        await player.DisposeAsync();
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var idle in replays.Values.Where(r => clock.GetUtcNow() - r.LastUsed > IdleLimit).ToList())
                {
                    await CloseAsync(idle.ReplayId);
                }
            }
        }
        finally
        {
            foreach (var replayId in replays.Keys.ToList())
            {
                await CloseAsync(replayId);
            }
        }
    }
}
