using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Command.Host.Hosting;

/// <summary>
/// How the cluster's grain storage retries. A read made for a call someone waits on (<see cref="WaitingCaller"/>) is
/// tried once, for at most <see cref="Patience"/>: such a read is what brings an incident, a drill or a person's book up,
/// it changes nothing, and a dispatcher who is told at once that storage does not answer can act, where one kept waiting
/// 20 s on the SDK's retries cannot. Everything else — writes, and every read nobody waits on — retries as the Azure SDK
/// does by default (three retries from 0.8 s, each try up to 100 s): what background work saves is kept trying.
/// Once the host stops (<see cref="HostStopping"/>), every request, the membership table's too, is tried once, for at
/// most <see cref="SiloOptions.LeaveTimeout"/>: a host stopped while storage was down spent 20 s and more in the SDK's
/// retries of the drill's hand-over, its grains' last writes and its leaving, each retried for seconds on storage
/// refusing every try. The recording has a client of its own, which Polly retries (RecordingServiceCollectionExtensions).
/// </summary>
public sealed class GrainStorageRetry(DelayStrategy delays, HostStopping stopping) : RetryPolicy(DefaultRetries, delays)
{
    /// <summary>The Azure SDK's default number of retries, kept for everything nobody waits on.</summary>
    public const int DefaultRetries = 3;

    /// <summary>How long a read someone waits on waits for storage to answer: 3 s.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    /// <summary>The Azure SDK's default delays between tries: exponential from 0.8 s up to a minute.</summary>
    public static DelayStrategy DefaultDelays => DelayStrategy.CreateExponentialDelayStrategy(TimeSpan.FromSeconds(0.8), TimeSpan.FromMinutes(1));

    /// <summary>A client of the cluster's grain storage at <paramref name="connectionString"/>, retrying so.</summary>
    public static BlobServiceClient Client(string? connectionString, HostStopping stopping) => new(connectionString, Options(DefaultDelays, stopping));

    /// <summary>A client of the cluster's membership table at <paramref name="connectionString"/>, retrying so.</summary>
    public static TableServiceClient TableClient(string? connectionString, HostStopping stopping) => new(connectionString, TableOptions(DefaultDelays, stopping));

    /// <summary>Client options that retry so, with <paramref name="delays"/> between tries nobody waits on.</summary>
    public static BlobClientOptions Options(DelayStrategy delays, HostStopping stopping) => new() { RetryPolicy = new GrainStorageRetry(delays, stopping) };

    /// <summary>Table client options that retry so, with <paramref name="delays"/> between tries nobody waits on.</summary>
    public static TableClientOptions TableOptions(DelayStrategy delays, HostStopping stopping) => new() { RetryPolicy = new GrainStorageRetry(delays, stopping) };

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await base.ProcessAsync(message, pipeline);
        }
        catch (OperationCanceledException ex) when (Waited(message) && !message.CancellationToken.IsCancellationRequested)
        {
            // The SDK says a try that ran out of time was cancelled; the caller is told storage did not answer, as when it refuses.
            throw new RequestFailedException($"no answer within {Patience.TotalSeconds:0} s", ex);
        }
    }

    protected override void OnSendingRequest(HttpMessage message)
    {
        Bound(message);
        base.OnSendingRequest(message);
    }

    protected override ValueTask OnSendingRequestAsync(HttpMessage message)
    {
        Bound(message);
        return base.OnSendingRequestAsync(message);
    }

    protected override bool ShouldRetry(HttpMessage message, Exception? exception) => !TriedOnce(message) && base.ShouldRetry(message, exception);

    protected override ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        TriedOnce(message) ? ValueTask.FromResult(false) : base.ShouldRetryAsync(message, exception);

    private void Bound(HttpMessage message)
    {
        if (Waited(message))
        {
            message.NetworkTimeout = Patience;
        }

        if (stopping.UnderWay && (message.NetworkTimeout is not { } timeout || timeout > stopping.Timeout))
        {
            message.NetworkTimeout = stopping.Timeout;
        }
    }

    private bool TriedOnce(HttpMessage message) => stopping.UnderWay || Waited(message);

    private static bool Waited(HttpMessage message) =>
        WaitingCaller.Waits && (message.Request.Method == RequestMethod.Get || message.Request.Method == RequestMethod.Head);
}
