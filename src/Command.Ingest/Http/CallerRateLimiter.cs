using System.Collections.Concurrent;

namespace Command.Ingest.Http;

/// <summary>
/// A token bucket per caller, so one caller's flood is refused while every other caller keeps its own allowance.
/// Driven by <see cref="TimeProvider"/> like the listeners' SourceRateLimiter (a test's fake clock refills it; a
/// system timer would not). Buckets idle for a minute are dropped once there are more than <see cref="PruneAbove"/>.
/// </summary>
public sealed class CallerRateLimiter(CallerRateOptions options, TimeProvider clock)
{
    /// <summary>Number of buckets above which idle ones are dropped. 4096.</summary>
    public const int PruneAbove = 4096;

    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one request's token; when there is none, answers how long until there will be.</summary>
    public bool TryAcquire(string caller, out TimeSpan retryAfter)
    {
        var now = clock.GetTimestamp();
        if (buckets.Count > PruneAbove)
        {
            Prune(now);
        }

        var bucket = buckets.GetOrAdd(caller, _ => new Bucket(options.Burst, now));
        lock (bucket)
        {
            var elapsed = clock.GetElapsedTime(bucket.Refilled, now).TotalSeconds;
            bucket.Tokens = Math.Min(options.Burst, bucket.Tokens + (elapsed * options.PerSecond));
            bucket.Refilled = now;
            if (bucket.Tokens < 1)
            {
                retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / options.PerSecond);
                return false;
            }

            bucket.Tokens--;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    private void Prune(long now)
    {
        foreach (var (key, bucket) in buckets)
        {
            if (clock.GetElapsedTime(bucket.Refilled, now) > TimeSpan.FromMinutes(1))
            {
                buckets.TryRemove(key, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, long refilled)
    {
        public double Tokens { get; set; } = tokens;

        public long Refilled { get; set; } = refilled;
    }
}
