using Command.Grains.Incidents;
using Microsoft.AspNetCore.SignalR;

namespace Command.Host.Live;

/// <summary>
/// Browsers join an incident to get a full snapshot, then frames of what changed. Frames whose sequence is not
/// past the snapshot's are already in it.
/// </summary>
public sealed class IncidentHub(IGrainFactory grains, IncidentFeeds feeds) : Hub
{
    public const string Path = "/hubs/incidents";
    public const string FrameMethod = "frame";

    public async Task<IncidentFrame> Join(string incidentId)
    {
        var incident = grains.GetGrain<IIncidentGrain>(incidentId);
        if (await incident.GetView() is null)
        {
            throw new HubException($"incident '{incidentId}' does not exist");
        }

        await feeds.JoinAsync(Context.ConnectionId, incidentId);
        return await incident.GetSnapshot();
    }

    public Task Leave(string incidentId) => feeds.LeaveAsync(Context.ConnectionId, incidentId);

    public override Task OnDisconnectedAsync(Exception? exception) => feeds.DisconnectedAsync(Context.ConnectionId);
}
