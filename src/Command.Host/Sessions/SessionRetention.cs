using Command.Grains;
using Command.Grains.Directory;
using Command.Recording.Storage;
using Microsoft.Extensions.Options;

namespace Command.Host.Sessions;

/// <summary>
/// Deletes the recordings of incidents closed longer than <see cref="RetentionOptions.ClosedSessionsFor"/>, when
/// that is set. The directory hands each expired incident to one host only, so a cluster deletes each once; each
/// deletion is logged with what went.
/// </summary>
public sealed partial class SessionRetention(
    IGrainFactory grains, ISessionStore store, IOptions<RetentionOptions> options, [FromKeyedServices(IncidentClock.Key)] TimeProvider clock, ILogger<SessionRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ClosedSessionsFor is not { } retainFor)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.CheckEvery, clock);
        do
        {
            await SweepAsync(retainFor, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes what has expired now; returns the incidents whose recordings went.</summary>
    public async Task<IReadOnlyList<string>> SweepAsync(TimeSpan retainFor, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        try
        {
            foreach (var listing in await grains.GetGrain<IIncidentDirectoryGrain>(IIncidentDirectoryGrain.Key).ClaimExpired(clock.GetUtcNow(), retainFor))
            {
                var objects = await store.DeleteSessionAsync(listing.IncidentId, cancellationToken);
                LogDeleted(logger, listing.IncidentId, listing.Name, listing.ClosedAt, objects, retainFor);
                deleted.Add(listing.IncidentId);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSweepFailed(logger, ex);
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted the recording of incident {IncidentId} ('{Name}', closed {ClosedAt}): {Objects} objects, kept {RetainFor} after closing")]
    private static partial void LogDeleted(ILogger logger, string incidentId, string name, DateTimeOffset? closedAt, int objects, TimeSpan retainFor);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking over closed incidents' recordings failed; the next check tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
