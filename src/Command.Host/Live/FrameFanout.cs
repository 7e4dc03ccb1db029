using System.Collections.Concurrent;
using Command.Domain.Views;
using Command.Grains.Incidents;
using Microsoft.AspNetCore.SignalR;

namespace Command.Host.Live;

/// <summary>The browsers on this host watching each feed (a live incident or a replay), each with its own channel.</summary>
public sealed class FrameFanout(IHubContext<IncidentHub> hub, FramePacing pacing, TimeProvider clock, ILogger<ClientChannel> logger)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ClientChannel>> feeds = new(StringComparer.Ordinal);

    public void Add(string feedId, string connectionId) =>
        feeds.GetOrAdd(feedId, _ => new(StringComparer.Ordinal))
            .GetOrAdd(connectionId, id => new ClientChannel(id, hub, clock, pacing, logger));

    public async Task RemoveAsync(string feedId, string connectionId)
    {
        if (feeds.TryGetValue(feedId, out var clients) && clients.TryRemove(connectionId, out var channel))
        {
            await channel.DisposeAsync();
        }
    }

    public async Task RemoveConnectionAsync(string connectionId)
    {
        foreach (var feedId in feeds.Keys)
        {
            await RemoveAsync(feedId, connectionId);
        }
    }

    public bool HasClients(string feedId) => feeds.TryGetValue(feedId, out var clients) && !clients.IsEmpty;

    public void Publish(string feedId, IncidentFrame frame)
    {
        if (feeds.TryGetValue(feedId, out var clients))
        {
            var channels = clients.Values;
            var encoded = new EncodedFrame(frame, channels.Count);
            foreach (var channel in channels)
            {
                channel.Offer(encoded);
            }
        }
    }
}
