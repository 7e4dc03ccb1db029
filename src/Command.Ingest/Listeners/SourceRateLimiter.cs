using System.Collections.Concurrent;
using System.Net;

namespace Command.Ingest.Listeners;

/// <summary>
/// A token bucket per remote endpoint: a flood from one source is refused while every other source keeps its
/// own allowance. Written over <see cref="TimeProvider"/> rather than System.Threading.RateLimiting's
/// partitioned limiter because that one refills on a system timer, which a test's fake clock cannot drive.
/// Buckets idle for a minute are dropped once there are more than <see cref="PruneAbove"/>, so the map stays small.
/// </summary>
public sealed class SourceRateLimiter(ListenerOptions options, TimeProvider clock)
{
    /// <summary>Number of buckets above which idle ones are dropped. 4096.</summary>
    public const int PruneAbove = 4096;

    private readonly ConcurrentDictionary<EndPoint, Bucket> buckets = new();

    public bool TryAcquire(EndPoint source)
    {
        var now = clock.GetTimestamp();
        if (buckets.Count > PruneAbove)
        {
            Prune(now);
        }

        var bucket = buckets.GetOrAdd(source, _ => new Bucket(options.RateBurst, now));
        lock (bucket)
        {
            var elapsed = clock.GetElapsedTime(bucket.Refilled, now).TotalSeconds;
            bucket.Tokens = Math.Min(options.RateBurst, bucket.Tokens + (elapsed * options.RatePerSecond));
            bucket.Refilled = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens--;
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
