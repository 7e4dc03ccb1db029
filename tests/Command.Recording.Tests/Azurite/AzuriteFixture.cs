using Azure.Storage.Blobs;
using Command.Recording.Hosting;
using Command.Recording.Storage;

[assembly: AssemblyFixture(typeof(Command.Recording.Tests.Azurite.AzuriteFixture))]

namespace Command.Recording.Tests.Azurite;

/// <summary>One in-memory Azurite for the whole test assembly; each test takes its own container.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;

    public string ConnectionString => azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    public async ValueTask InitializeAsync() => azurite = await AzuriteProcess.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>A fresh, created container and a store over it.</summary>
    public async Task<BlobSessionStore> NewStoreAsync(RecordingOptions? options = null)
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        var container = new BlobServiceClient(ConnectionString, RecordingServiceCollectionExtensions.BlobOptions(options ?? new RecordingOptions()))
            .GetBlobContainerClient(name);
        var store = new BlobSessionStore(container);
        await store.EnsureCreatedAsync(CancellationToken.None);
        return store;
    }
}
