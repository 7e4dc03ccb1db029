using System.Net;

namespace Command.Ingest.Listeners;

/// <summary>
/// A token bucket per sending address (not address and port: a sender that opens a new port per datagram is still
/// one sender), so a flood from one source is refused while every other source keeps its own allowance. The table
/// of senders is bounded: past <see cref="ListenerOptions.MaxSenders"/> the one heard from least recently is
/// forgotten. Written over <see cref="TimeProvider"/> rather than System.Threading.RateLimiting's partitioned
/// limiter because that one refills on a system timer, which a test's fake clock cannot drive.
/// </summary>
public sealed class SourceRateLimiter(ListenerOptions options, TimeProvider clock)
{
    private readonly Dictionary<IPAddress, LinkedListNode<Sender>> senders = [];
    private readonly LinkedList<Sender> byRecency = new();

    /// <summary>Senders tracked now.</summary>
    public int Count
    {
        get
        {
            lock (senders)
            {
                return senders.Count;
            }
        }
    }

    /// <summary>Takes a token for the address of <paramref name="source"/> at the listener's own rate.</summary>
    public bool TryAcquire(EndPoint source) => TryAcquire(source, out _);

    /// <summary>
    /// Takes a token for the address of <paramref name="source"/> at the listener's own rate; when there is none,
    /// says how long until there will be (for an HTTP sender's Retry-After).
    /// </summary>
    public bool TryAcquire(EndPoint source, out TimeSpan retryAfter) =>
        TryAcquire(SourceRange.AddressOf(source), options.RatePerSecond, options.RateBurst, take: true, out retryAfter);

    /// <summary>
    /// Whether the address of <paramref name="source"/> has a token now, at the listener's own rate, taking none; when it
    /// has none, says how long until it will. For a sender whose message is counted only once it is known what it is.
    /// </summary>
    public bool HasToken(EndPoint source, out TimeSpan retryAfter) =>
        TryAcquire(SourceRange.AddressOf(source), options.RatePerSecond, options.RateBurst, take: false, out retryAfter);

    /// <summary>Takes a token for <paramref name="address"/> at the rate its allow-list entry grants.</summary>
    public bool TryAcquire(IPAddress address, SourceGrant grant) => TryAcquire(SourceRange.Normal(address), grant.RatePerSecond, grant.RateBurst, take: true, out _);

    private bool TryAcquire(IPAddress address, double ratePerSecond, int burst, bool take, out TimeSpan retryAfter)
    {
        var now = clock.GetTimestamp();
        lock (senders)
        {
            var sender = Find(address, burst, now);
            var elapsed = clock.GetElapsedTime(sender.Refilled, now).TotalSeconds;
            sender.Tokens = Math.Min(burst, sender.Tokens + (elapsed * ratePerSecond));
            sender.Refilled = now;
            if (sender.Tokens < 1)
            {
                retryAfter = TimeSpan.FromSeconds((1 - sender.Tokens) / ratePerSecond);
                return false;
            }

            sender.Tokens -= take ? 1 : 0;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    private Sender Find(IPAddress address, int burst, long now)
    {
        if (senders.TryGetValue(address, out var node))
        {
            byRecency.Remove(node);
            byRecency.AddFirst(node);
            return node.Value;
        }

        if (senders.Count >= options.MaxSenders)
        {
            senders.Remove(byRecency.Last!.Value.Address);
            byRecency.RemoveLast();
        }

        node = byRecency.AddFirst(new Sender(address, burst, now));
        senders[address] = node;
        return node.Value;
    }

    private sealed class Sender(IPAddress address, double tokens, long refilled)
    {
        public IPAddress Address => address;

        public double Tokens { get; set; } = tokens;

        public long Refilled { get; set; } = refilled;
    }
}
