using Command.Recording.Storage;
using Command.Recording.Tests.Scenarios;
using Command.Recording.Writing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Command.Recording.Tests.Writing;

/// <summary>An append whose sender waits on it, while storage answers slowly.</summary>
public sealed class SlowStorageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_append_storage_does_not_answer_is_spilled_once_its_append_timeout_has_passed_not_after_three_request_timeouts()
    {
        // A dispatcher's acknowledgement waited on three tries of the 10 s request timeout before it was spilled (or, in a
        // cluster, answered as not recorded): half a minute of a frozen button.
        var root = TestRecording.TempFolder();
        var spill = Path.Combine(root, "spill");
        var store = new CountingStore(new DiskSessionStore(Path.Combine(root, "sessions")));
        var clock = new FakeTimeProvider();
        var options = TestRecording.Options(spill, o => (o.RequestTimeout, o.AppendTimeout, o.AppendRetries) = (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 2));
        await using var log = new RecordingSessionLog(store, options, clock, NullLogger<RecordingSessionLog>.Instance);
        await log.AppendAsync("s1", Events.Ticks(1, 2), Ct);

        var held = store.HoldNextAppend();
        var appending = log.AppendAsync("s1", Events.Ticks(3, 2), Ct).AsTask();
        await held;
        clock.Advance(TimeSpan.FromSeconds(5));
        // Moving the fake clock runs what falls due at once: an append given 5 s in all has been given up by now.
        var givenUp = store.HeldGivenUp;
        store.Release();
        await appending;

        Assert.True(givenUp);
        Assert.Equal(Events.Range(3, 4), [.. SpillBatches.Events(File.ReadAllBytes(Path.Combine(spill, "s1.jsonl"))).Select(e => e.Sequence)]);
    }

    [Fact]
    public async Task Appends_storage_does_not_answer_open_the_breaker_so_later_ones_are_refused_at_once_not_after_their_append_timeout()
    {
        // A timed-out append counted as a success to the breaker: in a cluster, every command kept waiting its 5 s before it
        // was answered as not recorded, for as long as storage stayed slow.
        var root = TestRecording.TempFolder();
        var store = new CountingStore(new DiskSessionStore(Path.Combine(root, "sessions")));
        var clock = new FakeTimeProvider();
        var options = TestRecording.Options(Path.Combine(root, "spill"), o =>
            (o.SpillEnabled, o.RequestTimeout, o.AppendTimeout, o.BreakDuration) = (false, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)));
        await using var log = new RecordingSessionLog(store, options, clock, NullLogger<RecordingSessionLog>.Instance);
        await log.AppendAsync("s1", Events.Ticks(1, 2), Ct);

        for (var i = 0; i < 4; i++)
        {
            var held = store.HoldNextAppend();
            var appending = log.AppendAsync("s1", Events.Ticks(3, 2), Ct).AsTask();
            await held;
            clock.Advance(TimeSpan.FromSeconds(5));
            await Assert.ThrowsAsync<TimeoutRejectedException>(() => appending);
        }

        var reached = store.HoldNextAppend();
        var refused = log.AppendAsync("s1", Events.Ticks(3, 2), Ct).AsTask();
        var first = await Task.WhenAny(reached, refused);
        store.Release();

        Assert.Same(refused, first);
        await Assert.ThrowsAsync<BrokenCircuitException>(() => refused);
    }
}
