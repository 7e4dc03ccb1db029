using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Command.Host.Hosting;

namespace Command.Host.Tests.Hosting;

/// <summary>
/// A grain storage read that someone waits on is tried once, so a dispatcher hears at once that storage does not answer;
/// what nobody waits on, and every write, is retried as the Azure SDK retries.
/// </summary>
public sealed class GrainStorageRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_read_someone_waits_on_tries_the_storage_once_and_says_it_refused()
    {
        var tries = new Tries();
        var options = GrainStorageRetry.Options(GrainStorageRetry.DefaultDelays);
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
        var options = GrainStorageRetry.Options(DelayStrategy.CreateFixedDelayStrategy(TimeSpan.Zero));
        options.AddPolicy(tries, HttpPipelinePosition.PerRetry);

        await Assert.ThrowsAnyAsync<Exception>(() => Blob(options).DownloadContentAsync(Ct));

        Assert.Equal((1 + GrainStorageRetry.DefaultRetries, (TimeSpan?)null), (tries.Count, tries.Timeouts.Distinct().Single()));
    }

    [Fact]
    public async Task A_write_someone_waits_on_is_still_retried_as_the_sdk_retries()
    {
        var tries = new Tries();
        var options = GrainStorageRetry.Options(DelayStrategy.CreateFixedDelayStrategy(TimeSpan.Zero));
        options.AddPolicy(tries, HttpPipelinePosition.PerRetry);

        WaitingCaller.Mark();
        await Assert.ThrowsAnyAsync<Exception>(() => Blob(options).UploadAsync(BinaryData.FromString("{}"), overwrite: true, Ct));

        Assert.Equal(1 + GrainStorageRetry.DefaultRetries, tries.Count);
    }

    [Fact]
    public async Task A_read_someone_waits_on_that_runs_out_of_time_is_said_as_storage_not_answering()
    {
        var options = GrainStorageRetry.Options(GrainStorageRetry.DefaultDelays);
        // As the SDK ends a try that ran past its network timeout.
        options.AddPolicy(new TimesOut(), HttpPipelinePosition.PerRetry);

        WaitingCaller.Mark();
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Blob(options).DownloadContentAsync(Ct));

        Assert.Equal("the incident's storage did not answer (no answer within 3 s): nothing was done; send it again once it answers", StorageUnreachable.Said(failure));
    }

    /// <summary>A blob at an address nothing listens on: every try is refused at once.</summary>
    private static BlobClient Blob(BlobClientOptions options)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        return new BlobServiceClient(connection, options).GetBlobContainerClient("grainstate").GetBlobClient("incident-demo.json");
    }

    private sealed class Tries : HttpPipelinePolicy
    {
        public int Count;
        public List<TimeSpan?> Timeouts { get; } = [];

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
