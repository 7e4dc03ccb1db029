using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Command.Host.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Command.Host.Tests.Hosting;

/// <summary>
/// A grain storage read that someone waits on is tried once, so a dispatcher hears at once that storage does not answer;
/// what nobody waits on, and every write, is retried as the Azure SDK retries, until the host stops.
/// </summary>
public sealed class GrainStorageRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_read_someone_waits_on_tries_the_storage_once_and_says_it_refused()
    {
        var tries = new Tries();
        var options = GrainStorageRetry.Options(GrainStorageRetry.DefaultDelays, HostStopping.Never);
        options.AddPolicy(tries, HttpPipelinePosition.PerRetry);

        WaitingCaller.Mark();
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Blob(options).DownloadContentAsync(Ct));

        Assert.Equal((1, GrainStorageRetry.Patience), (tries.Count, tries.Timeouts.Single()));
        Assert.NotNull(StorageUnreachable.Find(failure));
    }

    [Fact]
    public async Task A_read_nobody_waits_on_is_retried_as_the_sdk_retries()
    {
        var tries = new Tries();
        var options = GrainStorageRetry.Options(DelayStrategy.CreateFixedDelayStrategy(TimeSpan.Zero), HostStopping.Never);
        options.AddPolicy(tries, HttpPipelinePosition.PerRetry);

        await Assert.ThrowsAnyAsync<Exception>(() => Blob(options).DownloadContentAsync(Ct));

        Assert.Equal((1 + GrainStorageRetry.DefaultRetries, (TimeSpan?)null), (tries.Count, tries.Timeouts.Distinct().Single()));
    }

    [Fact]
    public async Task A_write_someone_waits_on_is_still_retried_as_the_sdk_retries()
    {
        var tries = new Tries();
        var options = GrainStorageRetry.Options(DelayStrategy.CreateFixedDelayStrategy(TimeSpan.Zero), HostStopping.Never);
        options.AddPolicy(tries, HttpPipelinePosition.PerRetry);

        WaitingCaller.Mark();
        await Assert.ThrowsAnyAsync<Exception>(() => Blob(options).UploadAsync(BinaryData.FromString("{}"), overwrite: true, Ct));

        Assert.Equal(1 + GrainStorageRetry.DefaultRetries, tries.Count);
    }

    [Fact]
    public async Task A_read_someone_waits_on_that_runs_out_of_time_is_said_as_storage_not_answering()
    {
        var options = GrainStorageRetry.Options(GrainStorageRetry.DefaultDelays, HostStopping.Never);
        // As the SDK ends a try that ran past its network timeout.
        options.AddPolicy(new TimesOut(), HttpPipelinePosition.PerRetry);

        WaitingCaller.Mark();
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Blob(options).DownloadContentAsync(Ct));

        Assert.Equal("the incident's storage did not answer (no answer within 3 s): nothing was done; send it again once it answers", StorageUnreachable.Said(failure));
    }

    [Fact]
    public async Task Once_its_host_stops_a_write_and_a_membership_write_are_tried_once_for_the_configured_leave_timeout()
    {
        // A host stopped with storage down spent 20 s and more in the SDK's retries: the drill's hand-over, its grains'
        // last writes and each step of its leaving, each retried for seconds on storage refusing every try.
        var silo = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:LeaveTimeout"] = "00:00:02" }).Build()
            .GetSection(SiloOptions.Section).Get<SiloOptions>()!;
        var lifetime = new Lifetime();
        var delays = DelayStrategy.CreateFixedDelayStrategy(TimeSpan.Zero);
        var (blobTries, tableTries) = (new Tries(), new Tries());
        var blobOptions = GrainStorageRetry.Options(delays, HostStopping.Of(silo, lifetime));
        blobOptions.AddPolicy(blobTries, HttpPipelinePosition.PerRetry);
        var tableOptions = GrainStorageRetry.TableOptions(delays, HostStopping.Of(silo, lifetime));
        tableOptions.AddPolicy(tableTries, HttpPipelinePosition.PerRetry);
        var (blob, table) = (Blob(blobOptions), Table(tableOptions));

        await Assert.ThrowsAnyAsync<Exception>(() => blob.UploadAsync(BinaryData.FromString("{}"), overwrite: true, Ct));
        Assert.Equal(1 + GrainStorageRetry.DefaultRetries, blobTries.Count);

        lifetime.StopApplication();
        (blobTries.Count, tableTries.Count) = (0, 0);
        (blobTries.Timeouts, tableTries.Timeouts) = ([], []);
        await Assert.ThrowsAnyAsync<Exception>(() => blob.UploadAsync(BinaryData.FromString("{}"), overwrite: true, Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => table.UpsertEntityAsync(new TableEntity("ops", "S127.0.0.1"), cancellationToken: Ct));

        Assert.Equal((1, TimeSpan.FromSeconds(2)), (blobTries.Count, blobTries.Timeouts.Single()));
        Assert.Equal((1, TimeSpan.FromSeconds(2)), (tableTries.Count, tableTries.Timeouts.Single()));
    }

    /// <summary>A blob at an address nothing listens on: every try is refused at once.</summary>
    private static BlobClient Blob(BlobClientOptions options) =>
        new BlobServiceClient(Connection(), options).GetBlobContainerClient("grainstate").GetBlobClient("incident-demo.json");

    /// <summary>A membership table at an address nothing listens on.</summary>
    private static TableClient Table(TableClientOptions options) => new TableServiceClient(Connection(), options).GetTableClient("OrleansSiloInstances");

    private static string Connection()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => stopping.Cancel();
    }

    private sealed class Tries : HttpPipelinePolicy
    {
        public int Count;
        public List<TimeSpan?> Timeouts { get; set; } = [];

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Count++;
            Timeouts.Add(message.NetworkTimeout);
            return ProcessNextAsync(message, pipeline);
        }
    }

    private sealed class TimesOut : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:03.");
    }
}
