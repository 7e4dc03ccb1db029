using Command.Grains.Access;

namespace Command.Grains.Tests.Access;

public sealed class SignInThrottleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly SignInLimits Limits = new(3, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5));

    [Fact]
    public void Failures_from_one_address_shut_out_that_address_and_no_other()
    {
        var throttle = new SignInThrottle();

        var answers = Enumerable.Range(0, 3).Select(i => throttle.Failed("198.51.100.7", Start.AddSeconds(i), Limits)).ToList();

        Assert.Equal([null, null, Start.AddSeconds(2) + Limits.LockOut], answers);
        Assert.Equal(Start.AddSeconds(2) + Limits.LockOut, throttle.LockedUntil("198.51.100.7", Start.AddMinutes(1)));
        Assert.Null(throttle.LockedUntil("127.0.0.1", Start.AddMinutes(1)));
    }

    [Fact]
    public void Failures_older_than_the_window_no_longer_count()
    {
        var throttle = new SignInThrottle();
        throttle.Failed("198.51.100.7", Start, Limits);
        throttle.Failed("198.51.100.7", Start.AddMinutes(1), Limits);

        var third = throttle.Failed("198.51.100.7", Start.AddMinutes(10), Limits);

        Assert.Null(third);
    }

    [Fact]
    public void A_lock_out_ends_when_lifted_or_when_it_runs_out()
    {
        var throttle = new SignInThrottle();
        for (var i = 0; i < 3; i++)
        {
            throttle.Failed("a", Start, Limits);
            throttle.Failed("b", Start, Limits);
        }

        Assert.Equal(["a", "b"], throttle.Lockouts(Start).Select(l => l.Address));
        Assert.True(throttle.Unlock("a"));
        Assert.Null(throttle.LockedUntil("a", Start));
        Assert.Null(throttle.LockedUntil("b", Start + Limits.LockOut));
    }
}
