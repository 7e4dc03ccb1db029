using Command.Grains.Access;
using Command.Grains.Tests.Support;

namespace Command.Grains.Tests.Access;

/// <summary>The one guard every host asks before it checks a password.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SignInGuardGrainTests(ClusterFixture fixture)
{
    private static readonly SignInLimits Limits = new(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Places_held_by_checks_that_never_settled_lapse_for_the_next_attempt_though_nothing_settles()
    {
        // Five checks admitted, and their host gone before any settled: whoever asked next waited on them, and so did
        // every attempt after, for as long as the guard stood, a right password too.
        var guard = fixture.Grains.GetGrain<ISignInGuardGrain>($"guard-{Guid.NewGuid():N}");
        var address = "203.0.113.9";
        for (var i = 0; i < Limits.MaxFailures; i++)
        {
            Assert.Null(await guard.Admit(address, T0, Limits));
        }

        var waiting = guard.Admit(address, T0.AddSeconds(1), Limits);
        // Asked after the attempt that waits, so that attempt is in the queue by then.
        Assert.Empty(await guard.Lockouts(T0.AddSeconds(1)));
        Assert.False(waiting.IsCompleted, "admitted while five checks held every place");

        var later = await guard.Admit(address, T0 + SignInThrottle.AdmissionLapses + TimeSpan.FromSeconds(1), Limits).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Null(later);
        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }
}
