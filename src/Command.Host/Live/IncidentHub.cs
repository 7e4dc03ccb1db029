using Command.Grains.Incidents;
using Microsoft.AspNetCore.SignalR;

namespace Command.Host.Live;

/// <summary>
/// Browsers join an incident to get a full snapshot, then frames of what changed. Frames whose sequence is not
/// past the snapshot's are already in it.
/// </summary>
public sealed class IncidentHub(IGrainFactory grains, IncidentFeeds feeds, Replays.ReplayRegistry replays) : Hub
{
    public const string Path = "/hubs/incidents";
    public const string FrameMethod = "frame";

    /// <summary>Joins a live incident, or a replay when the id is "replay:{replayId}".</summary>
    public async Task<IncidentFrame> Join(string incidentId)
    {
        if (replays.FindFeed(incidentId) is { } replay)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, IncidentFeed.Group(incidentId));
            return await replay.SnapshotAsync();
        }

        if (incidentId.StartsWith("replay:", StringComparison.Ordinal))
        {
            throw new HubException($"replay '{incidentId["replay:".Length..]}' is not open on this host");
        }

        var incident = grains.GetGrain<IIncidentGrain>(incidentId);
        if (await incident.GetView() is null)
        {
            throw new HubException($"incident '{incidentId}' does not exist");
        }

        await feeds.JoinAsync(Context.ConnectionId, incidentId);
        return await incident.GetSnapshot();
    }

    public Task Leave(string incidentId) => incidentId.StartsWith("replay:", StringComparison.Ordinal)
        ? Groups.RemoveFromGroupAsync(Context.ConnectionId, IncidentFeed.Group(incidentId))
        : feeds.LeaveAsync(Context.ConnectionId, incidentId);

    public override Task OnDisconnectedAsync(Exception? exception) => feeds.DisconnectedAsync(Context.ConnectionId);
}
