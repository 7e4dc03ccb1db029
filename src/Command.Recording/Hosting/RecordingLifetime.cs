using Command.Recording.Storage;
using Command.Recording.Writing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Command.Recording.Hosting;

/// <summary>
/// Prepares the store and resumes spills at start; commits, drains and writes manifests at stop. A host that may
/// spill starts while its store is down (it spills until the store answers); one that may not refuses to start.
/// </summary>
internal sealed partial class RecordingLifetime(ISessionStore store, RecordingSessionLog log, IOptions<RecordingOptions> options, ILogger<RecordingLifetime> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.EnsureCreatedAsync(cancellationToken);
        }
        catch (Exception ex) when (options.Value.SpillEnabled && StorageResilience.IsStorageFailure(ex))
        {
            LogStartingWithoutStore(logger, ex, store.Location);
        }

        await log.ResumeSpilledAsync(cancellationToken);
    }

    // The host's token is cancelled once its shutdown timeout has passed: the recording then stops waiting for storage too.
    public async Task StopAsync(CancellationToken cancellationToken) => await log.StopAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session storage {Location} does not answer; starting anyway and spilling locally until it does")]
    private static partial void LogStartingWithoutStore(ILogger logger, Exception exception, string location);
}
