using Command.Ingest.Intake;
using Microsoft.Extensions.Time.Testing;

namespace Command.Ingest.Tests.Intake;

/// <summary>A timer set for an instant goes off at it, however the clock moves while it is set.</summary>
public sealed class ClockInstantsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_cancellation_set_for_an_instant_comes_at_it_where_the_clock_moved_on_while_it_was_set()
    {
        var clock = new ClockThatMovesOnceRead(Start, TimeSpan.FromSeconds(30));
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, clock);

        idle.CancelAt(Start + TimeSpan.FromSeconds(40), clock);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(idle.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(idle.IsCancellationRequested);
    }

    [Fact]
    public void A_timer_set_for_an_instant_goes_off_at_it_where_the_clock_moved_on_while_it_was_set()
    {
        var clock = new ClockThatMovesOnceRead(Start, TimeSpan.FromSeconds(30));
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        timer.ChangeAt(Start + TimeSpan.FromSeconds(40), clock);
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, fired);
    }

    [Fact]
    public async Task A_wait_for_an_instant_ends_at_it_where_the_clock_moved_on_while_it_was_set_and_at_once_where_it_had_passed()
    {
        var clock = new ClockThatMovesOnceRead(Start, TimeSpan.FromSeconds(30));
        var ct = TestContext.Current.CancellationToken;

        var waiting = clock.UntilAsync(Start + TimeSpan.FromSeconds(40), ct);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10), ct);

        await clock.UntilAsync(Start, ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
    }

    [Fact]
    public void An_instant_passed_already_cancels_at_once()
    {
        var clock = new FakeTimeProvider(Start);
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, clock);

        idle.CancelAt(Start - TimeSpan.FromSeconds(1), clock);

        Assert.True(idle.IsCancellationRequested);
    }

    [Fact]
    public async Task A_clock_that_moves_on_at_every_reading_has_the_timer_set_at_once()
    {
        // A real clock moves on a little between any two readings: setting must not wait for one that stands still.
        var clock = new ClockThatTicksAsRead(Start, TimeSpan.FromTicks(10));
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, clock);

        await Task.Run(() => idle.CancelAt(Start + TimeSpan.FromSeconds(40), clock), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(39.9));
        Assert.False(idle.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(0.1));

        Assert.True(idle.IsCancellationRequested);
    }

    /// <summary>A clock another thread moves on just after it is first read: the race a test's clock ran into.</summary>
    private sealed class ClockThatMovesOnceRead(DateTimeOffset start, TimeSpan jump) : FakeTimeProvider(start)
    {
        private bool moved;

        public override DateTimeOffset GetUtcNow()
        {
            var now = base.GetUtcNow();
            if (!moved)
            {
                moved = true;
                Advance(jump);
            }

            return now;
        }
    }

    /// <summary>A clock that moves on by <paramref name="tick"/> each time it is read, as a real one does by a little.</summary>
    private sealed class ClockThatTicksAsRead(DateTimeOffset start, TimeSpan tick) : FakeTimeProvider(start)
    {
        public override DateTimeOffset GetUtcNow()
        {
            var now = base.GetUtcNow();
            Advance(tick);
            return now;
        }
    }
}
