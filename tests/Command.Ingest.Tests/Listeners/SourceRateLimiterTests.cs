using System.Net;
using Command.Ingest.Listeners;
using Microsoft.Extensions.Time.Testing;

namespace Command.Ingest.Tests.Listeners;

public sealed class SourceRateLimiterTests
{
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress B = IPAddress.Parse("10.0.0.2");
    private static readonly IPAddress C = IPAddress.Parse("10.0.0.3");

    [Fact]
    public void A_sender_is_its_address_whatever_port_it_sends_from()
    {
        var limiter = new SourceRateLimiter(new ListenerOptions { RatePerSecond = 1, RateBurst = 2 }, new FakeTimeProvider());

        Assert.Equal([true, true, false], new[] { 40001, 40002, 40003 }.Select(port => limiter.TryAcquire(new IPEndPoint(A, port))));
    }

    [Fact]
    public void The_table_of_senders_is_bounded_and_forgets_the_one_heard_from_least_recently()
    {
        var limiter = new SourceRateLimiter(new ListenerOptions { RatePerSecond = 1, RateBurst = 1, MaxSenders = 2 }, new FakeTimeProvider());
        var grant = new SourceGrant("10.0.0.0/8", "test", 1, 1, 1, false);

        var steps = new[]
        {
            limiter.TryAcquire(A, grant), // A spends its burst
            limiter.TryAcquire(A, grant), // A is empty
            limiter.TryAcquire(B, grant), // B spends its burst
            limiter.TryAcquire(A, grant), // A still empty, and now heard from after B
            limiter.TryAcquire(C, grant), // C takes B's place: B was heard from least recently
            limiter.TryAcquire(A, grant), // A is remembered, still empty
            limiter.TryAcquire(B, grant), // B was forgotten and comes back with a full burst
        };

        Assert.Equal([true, false, true, false, true, false, true], steps);
        Assert.Equal(2, limiter.Count);
    }

    [Fact]
    public void A_sender_earns_tokens_back_at_its_rate()
    {
        var clock = new FakeTimeProvider();
        var limiter = new SourceRateLimiter(new ListenerOptions(), clock);
        var grant = new SourceGrant("10.0.0.1/32", "test", 2, 1, 1, false);
        limiter.TryAcquire(A, grant);

        clock.Advance(TimeSpan.FromMilliseconds(250));
        var early = limiter.TryAcquire(A, grant);
        clock.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal((false, true), (early, limiter.TryAcquire(A, grant)));
    }
}
