using Command.Recording.Storage;
using Command.Recording.Writing;
using Microsoft.Extensions.Hosting;

namespace Command.Recording.Hosting;

/// <summary>Prepares the store and resumes spills at start; commits, drains and writes manifests at stop.</summary>
internal sealed class RecordingLifetime(ISessionStore store, RecordingSessionLog log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.EnsureCreatedAsync(cancellationToken);
        await log.ResumeSpilledAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await log.DisposeAsync();
}
