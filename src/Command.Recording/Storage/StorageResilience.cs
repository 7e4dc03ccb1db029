using System.Net.Sockets;
using Azure;
using Command.Recording.Hosting;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Command.Recording.Storage;

/// <summary>
/// The one place storage I/O is made resilient. Both pipelines share a circuit breaker: once storage keeps
/// failing, live appends stop waiting on it and spill at once, while the drain keeps retrying with exponential
/// backoff until storage answers again.
/// </summary>
internal sealed class StorageResilience
{
    private const int MinimumThroughput = 4;

    private StorageResilience(ResiliencePipeline live, ResiliencePipeline drain)
    {
        Live = live;
        Drain = drain;
    }

    /// <summary>
    /// For live appends: a few quick retries within <see cref="RecordingOptions.AppendTimeout"/> in all, then the caller
    /// spills. Fails fast while the circuit is open.
    /// </summary>
    public ResiliencePipeline Live { get; }

    /// <summary>For the spill drain, manifests and snapshots in the background: retries until cancelled.</summary>
    public ResiliencePipeline Drain { get; }

    public static StorageResilience Create(RecordingOptions options, TimeProvider time)
    {
        var breaker = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = MinimumThroughput,
                SamplingDuration = SamplingDuration(options),
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsStorageFailure(args.Outcome.Exception) || CallerToken.TimedOut(args.Context, args.Outcome.Exception)),
            })
            .AddTimeout(options.RequestTimeout)
            .Build();

        // Someone waits on a live append: on storage answering slowly, three tries of the request timeout kept a dispatcher's
        // command waiting half a minute before it was spilled, or, in a cluster, answered as not recorded.
        // A request the append's time cut off is a failure to the breaker like any other (storage that does not answer is
        // down to whoever waits): before, it counted as a success, and every command kept waiting its 5 s while storage stayed slow.
        var live = new ResiliencePipelineBuilder { TimeProvider = time }.AddStrategy(_ => new CallerToken()).AddTimeout(options.AppendTimeout);
        if (options.AppendRetries > 0)
        {
            // Polly takes a day at most; no wait that long fits in an append's time (a day at most) anyway.
            var longest = TimeSpan.FromTicks(Math.Min(options.RetryBaseDelay.Ticks * (1L << options.AppendRetries), TimeSpan.FromDays(1).Ticks));
            live.AddRetry(Retry(options, options.AppendRetries, longest, retryOpenCircuit: false));
        }

        var drain = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(Retry(options, int.MaxValue, options.RetryMaxDelay, retryOpenCircuit: true));
        return new StorageResilience(live.AddPipeline(breaker).Build(), drain.AddPipeline(breaker).Build());
    }

    // Room for the breaker's least throughput of appends that each ran out their whole append time, and one more: with 10 s,
    // one incident's appends on storage that never answers (one every 5 s) were never enough for the breaker to judge.
    // Polly takes a day at most.
    private static TimeSpan SamplingDuration(RecordingOptions options) =>
        TimeSpan.FromTicks(Math.Clamp(options.AppendTimeout.Ticks * (MinimumThroughput + 1), TimeSpan.FromSeconds(10).Ticks, TimeSpan.FromDays(1).Ticks));

    private static RetryStrategyOptions Retry(RecordingOptions options, int attempts, TimeSpan maxDelay, bool retryOpenCircuit) => new()
    {
        MaxRetryAttempts = attempts,
        BackoffType = DelayBackoffType.Exponential,
        Delay = options.RetryBaseDelay,
        MaxDelay = maxDelay,
        UseJitter = true,
        ShouldHandle = args => ValueTask.FromResult(
            IsStorageFailure(args.Outcome.Exception) || (retryOpenCircuit && args.Outcome.Exception is BrokenCircuitException)),
    };

    /// <summary>Failures that storage coming back can cure; a length conflict or a bug is not one of them.</summary>
    internal static bool IsStorageFailure(Exception? exception) => exception is RequestFailedException or IOException
        or HttpRequestException or SocketException or TimeoutRejectedException or AggregateException;
}
