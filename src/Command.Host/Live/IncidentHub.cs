using System.Security.Claims;
using Command.Domain.Views;
using Command.Grains.Incidents;
using Command.Host.Api;
using Command.Host.Access;
using Command.Host.Paperwork;
using Command.Host.Replays;
using Microsoft.AspNetCore.SignalR;

namespace Command.Host.Live;

/// <summary>
/// Browsers join an incident (or "replay:{id}") to get a full snapshot, then frames of what changed, at most ten
/// a second each. Frames whose sequence is not past the snapshot's are already in it; a full frame replaces all.
/// Connecting needs the right to watch (the endpoint's policy); joining a replay needs the right to watch replays; a
/// connection whose credential is revoked or expires is told why, and closed (<see cref="LiveCredentials"/>), and each
/// call that reads something is judged by the credential as it stands at the call, not as it connected. A refused call is an
/// answer, not a fault: it is logged once (a missing right by <see cref="AccessAudit"/>), without a stack, and SignalR's
/// own error line for it is left out (<see cref="Hosting.HubRefusalFilter"/>).
/// </summary>
public sealed partial class IncidentHub(
    IGrainFactory grains, IncidentFeeds feeds, ExportJobs exports, NoteWatchers notes, LiveCredentials live, AccessAudit audit, ILogger<IncidentHub> logger) : Hub
{
    public const string Path = "/hubs/incidents";
    public const string FrameMethod = "frame";

    /// <summary>Tells a page why the host closes its connection (a <see cref="HubClosing"/>), just before it does.</summary>
    public const string ClosingMethod = "closing";

    public override Task OnConnectedAsync()
    {
        live.Track(Context);
        return Task.CompletedTask;
    }

    public async Task<IncidentFrame> Join(string incidentId)
    {
        if (string.IsNullOrEmpty(incidentId))
        {
            throw Refused("(none)", "name the incident to join, or replay:{replayId}");
        }

        if (ReplayFeed.ReplayOf(incidentId) is { } replayId)
        {
            Require(Rights.WatchReplays, $"Join {incidentId}");
            IncidentFrame? replay;
            try
            {
                replay = ReplaysApi.IsReplayId(replayId) ? await grains.GetGrain<IReplayGrain>(replayId).GetFullFrame() : null;
            }
            catch (ReplayUnavailableException ex)
            {
                // The page shows this and tries again, as for an incident that cannot be shown now.
                throw Refused(incidentId, $"unavailable: {ex.Message}");
            }

            if (replay is null)
            {
                throw Refused(incidentId, $"replay '{replayId}' is not open");
            }

            await feeds.JoinAsync(Context.ConnectionId, incidentId);
            return replay;
        }

        var caller = Require(Rights.Watch, $"Join {incidentId}");
        if (!IncidentIds.IsValid(incidentId))
        {
            // Never activates an incident for a key no incident can have.
            throw Refused(incidentId[..Math.Min(incidentId.Length, 80)], IncidentIds.Shape);
        }

        var incident = grains.GetGrain<IIncidentGrain>(incidentId);
        try
        {
            if (await incident.GetView() is null)
            {
                throw Refused(incidentId, $"incident '{incidentId}' does not exist");
            }

            // Refused before it joins: joined, the connection would be sent the recording's frames, and this host would
            // watch the incident for it, until it was let go again.
            if (await RecordedIncidents.ClosedToAsync(caller, grains, incidentId) is { } closedAt)
            {
                throw RecordedIncidents.Refused(caller, audit, $"Join {incidentId}", incidentId, closedAt);
            }

            await feeds.JoinAsync(Context.ConnectionId, incidentId);
            var frame = await incident.GetFullFrame() ?? throw Refused(incidentId, $"incident '{incidentId}' does not exist");
            if (frame.Closed is { } closed && !Rights.Grants(caller, Rights.WatchReplays))
            {
                // Closed between the look above and the join: let go again, and refused alike.
                await feeds.LeaveAsync(Context.ConnectionId, incidentId);
                throw RecordedIncidents.Refused(caller, audit, $"Join {incidentId}", incidentId, closed.Time);
            }

            return frame;
        }
        catch (IncidentUnavailableException ex)
        {
            // The page shows this and tries again: the incident cannot be shown as it is now.
            throw Refused(incidentId, $"unavailable: {ex.Message}");
        }
        catch (Exception ex) when (Hosting.StorageUnreachable.Is(ex))
        {
            // Nor while the cluster's storage is away: no host can bring it up until it answers.
            throw Refused(incidentId, $"unavailable: {Hosting.StorageUnreachable.Said(ex)}");
        }
    }

    /// <summary>
    /// Hears an export job's progress (<see cref="ExportJobs.ProgressMethod"/> messages) until it is done; returns where
    /// it is now (whichever host runs it), null for a job never started. Progress is heard only from a job this host runs.
    /// </summary>
    public async Task<ExportStatus?> WatchExport(string jobId)
    {
        Require(Rights.Export, $"WatchExport {jobId}");
        await Groups.AddToGroupAsync(Context.ConnectionId, ExportJobs.Group(jobId));
        return await exports.FindAsync(jobId);
    }

    public Task Leave(string incidentId) => feeds.LeaveAsync(Context.ConnectionId, incidentId);

    /// <summary>
    /// Hears of each change to a session's notes (a note written, amended or withdrawn, a rating decided) as a
    /// <see cref="NoteWatchers.Method"/> message naming it, until <see cref="UnwatchNotes"/> or the connection ends; the
    /// page then reads them again over HTTP. Needs the right to read notes: the message says only that they changed.
    /// </summary>
    public Task WatchNotes(string incidentId)
    {
        Require(Rights.ReadNotes, $"WatchNotes {incidentId}");
        if (string.IsNullOrEmpty(incidentId) || !IncidentIds.IsValid(incidentId))
        {
            throw Refused(string.IsNullOrEmpty(incidentId) ? "(none)" : incidentId[..Math.Min(incidentId.Length, 80)], IncidentIds.Shape);
        }

        return notes.WatchAsync(Context.ConnectionId, incidentId);
    }

    public Task UnwatchNotes(string incidentId) => notes.UnwatchAsync(Context.ConnectionId, incidentId ?? "");

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        live.Forget(Context.ConnectionId);
        await notes.DisconnectedAsync(Context.ConnectionId);
        await feeds.DisconnectedAsync(Context.ConnectionId);
    }

    /// <summary>The refusal of a view of <paramref name="feedId"/>, logged: the caller is told <paramref name="detail"/>.</summary>
    private HubException Refused(string feedId, string detail)
    {
        var caller = AccessClaims.Actor(Context.User!);
        LogNotShown(logger, caller, feedId, detail);
        return new HubException(detail);
    }

    /// <summary>
    /// Refuses the call, naming the missing right as the HTTP API does in its 403 body, or why the caller's credential no
    /// longer stands (its roles or password changed, signed out, revoked, expired), as the host's closing message says it,
    /// before the sweep that closes the connection has reached it. Answers the caller as it stands now.
    /// </summary>
    private ClaimsPrincipal Require(string right, string what)
    {
        var standing = live.Check(Context);
        if (standing.Caller is not { } caller)
        {
            audit.Refused(Context.User?.Identity?.Name ?? "?", what, HubClosing.CredentialRefused);
            throw new HubException($"{HubClosing.CredentialRefused}: {standing.Problem}");
        }

        if (!Rights.Grants(caller, right))
        {
            audit.Refused(AccessClaims.Actor(caller), what, right);
            throw new HubException($"missing-right: {RefusalAnswers.MissingRight(caller, right, what).Detail}");
        }

        return caller;
    }
}
