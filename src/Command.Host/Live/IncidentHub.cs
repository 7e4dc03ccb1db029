using Command.Domain.Views;
using Command.Grains.Incidents;
using Command.Host.Paperwork;
using Command.Host.Replays;
using Microsoft.AspNetCore.SignalR;

namespace Command.Host.Live;

/// <summary>
/// Browsers join an incident (or "replay:{id}") to get a full snapshot, then frames of what changed, at most ten
/// a second each. Frames whose sequence is not past the snapshot's are already in it; a full frame replaces all.
/// </summary>
public sealed class IncidentHub(IGrainFactory grains, IncidentFeeds feeds, FrameFanout fanout, ReplayRegistry replays, ExportJobs exports) : Hub
{
    public const string Path = "/hubs/incidents";
    public const string FrameMethod = "frame";
    private const string ReplayPrefix = "replay:";

    public async Task<IncidentFrame> Join(string incidentId)
    {
        if (incidentId.StartsWith(ReplayPrefix, StringComparison.Ordinal))
        {
            var replay = replays.FindFeed(incidentId) ?? throw new HubException($"replay '{incidentId[ReplayPrefix.Length..]}' is not open on this host");
            fanout.Add(incidentId, Context.ConnectionId);
            return await replay.FullFrameAsync();
        }

        var incident = grains.GetGrain<IIncidentGrain>(incidentId);
        try
        {
            if (await incident.GetView() is null)
            {
                throw new HubException($"incident '{incidentId}' does not exist");
            }

            await feeds.JoinAsync(Context.ConnectionId, incidentId);
            return await incident.GetFullFrame();
        }
        catch (IncidentUnavailableException ex)
        {
            // The page shows this and tries again: the incident cannot be shown as it is now.
            throw new HubException($"unavailable: {ex.Message}");
        }
    }

    /// <summary>
    /// Hears an export job's progress (<see cref="ExportJobs.ProgressMethod"/> messages) until it is done; returns where
    /// it is now, null when this host does not run it.
    /// </summary>
    public async Task<ExportStatus?> WatchExport(string jobId)
    {
        if (!PaperworkRights.Grants(Context.User!, PaperworkRights.Export))
        {
            throw new HubException($"missing-right: watching an export needs the right '{PaperworkRights.Export}'");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, ExportJobs.Group(jobId));
        return exports.Find(jobId);
    }

    public Task Leave(string incidentId) => incidentId.StartsWith(ReplayPrefix, StringComparison.Ordinal)
        ? fanout.RemoveAsync(incidentId, Context.ConnectionId)
        : feeds.LeaveAsync(Context.ConnectionId, incidentId);

    public override Task OnDisconnectedAsync(Exception? exception) => feeds.DisconnectedAsync(Context.ConnectionId);
}
