using Command.Host.Live;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests.Live;

public sealed class RenewedSubscriptionTests
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_renewal_asked_for_while_another_is_on_its_way_waits_for_it_and_is_not_taken_for_a_lost_subscription()
    {
        // The first watch subscribes; the timer's look comes while the grain has not answered. Answered in either order,
        // two at once left one of them reading the other's "added" as the grain having lost it.
        var clock = new FakeTimeProvider();
        var grain = new Grain();
        var subscription = new RenewedSubscription(grain.Subscribe, clock, Every);

        var first = subscription.RenewAsync();
        var look = subscription.RenewAsync(whenDue: true);
        Assert.Equal(1, grain.Asked);

        grain.Answer();
        Assert.False(await first);
        Assert.False(await look);
        Assert.Equal(1, grain.Asked);
        Assert.False(subscription.Due);
    }

    [Fact]
    public async Task A_subscription_the_grain_no_longer_held_is_said_to_be_lost_and_one_it_held_is_not()
    {
        var clock = new FakeTimeProvider();
        var grain = new Grain { Answering = true };
        var subscription = new RenewedSubscription(grain.Subscribe, clock, Every);
        Assert.True(subscription.Due);
        Assert.False(await subscription.RenewAsync());

        clock.Advance(Every);
        Assert.True(subscription.Due);
        Assert.False(await subscription.RenewAsync(whenDue: true));

        // Activated anew: it holds no observer.
        grain.Forget();
        clock.Advance(Every);
        Assert.True(await subscription.RenewAsync(whenDue: true));
        Assert.Equal(3, grain.Asked);
    }

    [Fact]
    public async Task A_renewal_that_fails_is_thrown_and_leaves_it_due()
    {
        var clock = new FakeTimeProvider();
        var grain = new Grain { Answering = true };
        var subscription = new RenewedSubscription(grain.Subscribe, clock, Every);
        await subscription.RenewAsync();

        grain.Failing = true;
        clock.Advance(Every);
        await Assert.ThrowsAsync<TimeoutException>(() => subscription.RenewAsync(whenDue: true));
        Assert.True(subscription.Due);

        grain.Failing = false;
        Assert.False(await subscription.RenewAsync(whenDue: true));
        Assert.False(subscription.Due);
    }

    // A grain's subscribe: answers at once where Answering, else when told to; true where it did not hold the observer.
    private sealed class Grain
    {
        private readonly List<TaskCompletionSource<bool>> waiting = [];
        private bool holds;

        public int Asked { get; private set; }

        public bool Answering { get; init; }

        public bool Failing { get; set; }

        public Task<bool> Subscribe()
        {
            Asked++;
            if (Failing)
            {
                return Task.FromException<bool>(new TimeoutException("the grain did not answer"));
            }

            var added = !holds;
            holds = true;
            if (Answering)
            {
                return Task.FromResult(added);
            }

            var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Add(answer);
            return answer.Task.ContinueWith(_ => added, TaskScheduler.Default);
        }

        public void Answer()
        {
            foreach (var answer in waiting)
            {
                answer.SetResult(true);
            }

            waiting.Clear();
        }

        public void Forget() => holds = false;
    }
}
