using Command.Recording.Hosting;
using Command.Recording.Tests.Scenarios;
using Command.Recording.Storage;
using Command.Recording.Writing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Command.Recording.Tests.Writing;

/// <summary>A session log stopped while storage does not answer: how long it waits, and what it leaves.</summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_log_stopped_while_storage_is_down_waits_one_shutdown_timeout_for_all_its_sessions_and_leaves_their_spills_saying_so()
    {
        // One session after another, each waited the whole timeout for its spill: a host holding four incidents took two
        // minutes to stop while storage was down, and its service manager killed it first.
        var root = TestRecording.TempFolder();
        var spill = Path.Combine(root, "spill");
        var store = new CountingStore(new DiskSessionStore(Path.Combine(root, "sessions"))) { Down = true, ReadsDown = true };
        var clock = new ShutdownClock(Timeout);
        var lines = new LineLogger<RecordingSessionLog>();
        var log = new RecordingSessionLog(store, TestRecording.Options(spill, o => { o.AppendRetries = 0; o.ShutdownDrainTimeout = Timeout; }), clock, lines);
        await log.AppendAsync("s1", Events.Ticks(1, 2), Ct);
        await log.AppendAsync("s2", Events.Ticks(1, 3), Ct);

        var stopping = log.DisposeAsync().AsTask();
        await clock.Made(1);
        clock.Advance(Timeout);
        // Waited one after another, the second session's wait begins only now, and is made once the first has ended.
        var first = await Task.WhenAny(stopping, clock.Made(2));

        Assert.Same(stopping, first);
        await stopping;
        Assert.Equal(Events.Range(1, 2), Spilled(spill, "s1"));
        Assert.Equal(Events.Range(1, 3), Spilled(spill, "s2"));
        // Among the many lines of a stop, the last says what is left for the next start.
        Assert.Equal("Recording stopped; not on storage yet, left in their spills to be written at the next start: s1, s2", lines.Lines[^1]);
    }

    [Fact]
    public async Task A_recording_stopped_after_its_host_ran_out_of_shutdown_time_leaves_its_spills_without_waiting_its_own_timeout()
    {
        // The recording stops last, after the silo; with storage down the silo had used up the host's shutdown timeout, and
        // the recording waited its own whole timeout on top, past the service manager's, which then killed the host.
        var root = TestRecording.TempFolder();
        var spill = Path.Combine(root, "spill");
        var store = new CountingStore(new DiskSessionStore(Path.Combine(root, "sessions"))) { Down = true, ReadsDown = true };
        var clock = new ShutdownClock(Timeout);
        var options = TestRecording.Options(spill, o => { o.AppendRetries = 0; o.ShutdownDrainTimeout = Timeout; });
        var log = new RecordingSessionLog(store, options, clock, NullLogger<RecordingSessionLog>.Instance);
        var lifetime = new RecordingLifetime(store, log, Options.Create(options), NullLogger<RecordingLifetime>.Instance);
        await log.AppendAsync("s1", Events.Ticks(1, 2), Ct);
        using var hostOutOfTime = new CancellationTokenSource();
        await hostOutOfTime.CancelAsync();

        var stopping = lifetime.StopAsync(hostOutOfTime.Token);
        // Its own timeout is started only to be waited out; a stop that honours the host's is over without it.
        var first = await Task.WhenAny(stopping, clock.Made(1));

        Assert.Same(stopping, first);
        await stopping;
        Assert.Equal(Events.Range(1, 2), Spilled(spill, "s1"));
    }

    [Fact]
    public async Task A_recording_stopped_while_storage_is_down_with_every_event_stored_tries_the_manifest_once_not_until_its_timeout()
    {
        // Nothing was left to store, only the manifest, which readers rebuild from the segments: retried until the shutdown
        // timeout, a cluster host stopped while storage was down waited that half minute for it.
        var root = TestRecording.TempFolder();
        var store = new CountingStore(new DiskSessionStore(Path.Combine(root, "sessions")));
        var clock = new RetryClock();
        var lines = new LineLogger<RecordingSessionLog>();
        var options = TestRecording.Options(Path.Combine(root, "spill"), o => (o.SpillEnabled, o.AppendRetries, o.ShutdownDrainTimeout) = (false, 0, Timeout));
        var log = new RecordingSessionLog(store, options, clock, lines);
        await log.AppendAsync("s1", Events.Ticks(1, 2), Ct);
        // Its segment's manifest is written as the segment opens; this one's is left to the interval, an hour here.
        await log.AppendAsync("s1", Events.Ticks(3, 2), Ct);
        store.Down = true;

        var stopping = log.DisposeAsync().AsTask();
        var first = await Task.WhenAny(stopping, clock.Retried);
        clock.Advance(Timeout);
        await stopping;

        Assert.Same(stopping, first);
        Assert.Contains("Manifest of session s1 not written; readers rebuild it from the segments", lines.Lines);
        Assert.Equal("Recording stopped with every session on storage (1)", lines.Lines[^1]);
    }

    private static List<long> Spilled(string folder, string incidentId) =>
        [.. SpillBatches.Events(File.ReadAllBytes(Path.Combine(folder, incidentId + ".jsonl"))).Select(e => e.Sequence)];

    /// <summary>A fake clock that says when it has been asked for the <paramref name="count"/>th wait of one length.</summary>
    private sealed class ShutdownClock(TimeSpan length) : FakeTimeProvider
    {
        private readonly Lock gate = new();
        private readonly List<TaskCompletionSource> made = [];
        private int count;

        public Task Made(int number)
        {
            lock (gate)
            {
                while (made.Count < number)
                {
                    made.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                if (count >= number)
                {
                    made[number - 1].TrySetResult();
                }

                return made[number - 1].Task;
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime == length)
            {
                lock (gate)
                {
                    count++;
                    while (made.Count < count)
                    {
                        made.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                    }

                    made[count - 1].TrySetResult();
                }
            }

            return timer;
        }
    }

    /// <summary>A fake clock that says when a wait as short as a retry's backoff (under a second) is first asked of it.</summary>
    private sealed class RetryClock : FakeTimeProvider
    {
        private readonly TaskCompletionSource retried = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Retried => retried.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime > TimeSpan.Zero && dueTime < TimeSpan.FromSeconds(1))
            {
                retried.TrySetResult();
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
