using Command.Domain.Units;
using Command.Domain.Views;
using Command.Grains.Incidents;
using Command.Grains.Tests.Support;
using Orleans.Core.Internal;

namespace Command.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ObserverTests(ClusterFixture fixture)
{
    // Unit grains are keyed by unit id alone and a unit is enrolled in one open incident at a time: each test's own.
    private readonly string P1 = $"P1-{Guid.NewGuid():N}"[..16];

    // A unit is enrolled in one open incident at a time, and the tests share one cluster: each test has its own units.
    private readonly string P2 = $"P2-{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task Observer_receives_the_position_of_a_report()
    {
        var id = $"inc-{Guid.NewGuid():N}";
        var incident = fixture.Grains.GetGrain<IIncidentGrain>(id);
        await incident.Open(Sites.Open());
        await incident.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch");
        var observer = new FrameCatcher(f => f.Units.Any(u => u.LastFix is not null));
        var reference = fixture.Grains.CreateObjectReference<IIncidentObserver>(observer);
        await incident.Subscribe(reference);
        var report = Sites.Report(P1, ClusterFixture.Start, 0, -50);

        await incident.Submit([report], [], null);
        var frame = await observer.Caught.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(id, frame.IncidentId);
        Assert.False(frame.Full);
        Assert.Equal(report, Assert.Single(frame.Units).LastFix);
        fixture.Grains.DeleteObjectReference<IIncidentObserver>(reference);
    }

    [Fact]
    public async Task Each_of_two_changes_after_a_quiet_spell_goes_out_at_once_in_a_frame_of_its_own()
    {
        var id = $"inc-{Guid.NewGuid():N}";
        var incident = fixture.Grains.GetGrain<IIncidentGrain>(id);

        // Units join on their first report, so nothing has changed since the incident opened.
        await incident.Open(Sites.Open(autoEnrol: true));
        var observer = new FrameCollector();
        var reference = fixture.Grains.CreateObjectReference<IIncidentObserver>(observer);
        await incident.Subscribe(reference);
        var first = Sites.Report(P1, ClusterFixture.Start, 0, -50);
        var second = Sites.Report(P2, ClusterFixture.Start, 0, -80);

        // Back to back: a timer ticking on its own would most often put both in one frame; the pace allows two.
        await incident.Submit([first], [], null);
        await incident.Submit([second], [], null);

        var ct = TestContext.Current.CancellationToken;
        var frameA = await observer.Frames.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        var frameB = await observer.Frames.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        var (earlier, later) = frameA.Sequence < frameB.Sequence ? (frameA, frameB) : (frameB, frameA);
        Assert.Equal([first], earlier.Units.Select(u => u.LastFix));
        Assert.Equal([second], later.Units.Select(u => u.LastFix));
        fixture.Grains.DeleteObjectReference<IIncidentObserver>(reference);
    }

    [Fact]
    public async Task A_batch_waiting_on_the_recording_does_not_hold_up_the_next_and_is_not_shown_until_recorded()
    {
        var id = $"inc-{Guid.NewGuid():N}";
        var incident = fixture.Grains.GetGrain<IIncidentGrain>(id);
        await incident.Open(Sites.Open(autoEnrol: true));
        await incident.Submit([Sites.Report("P0", ClusterFixture.Start, 0, -20)], [], null);
        var observer = new FrameCollector();
        var reference = fixture.Grains.CreateObjectReference<IIncidentObserver>(observer);
        await incident.Subscribe(reference);
        var ct = TestContext.Current.CancellationToken;
        fixture.Log.Hold(id);

        var first = incident.Submit([Sites.Report(P1, ClusterFixture.Start, 0, -50)], [], null);
        var second = incident.Submit([Sites.Report(P2, ClusterFixture.Start, 0, -80)], [], null);

        // The second batch is folded and handed to the recording while the first still waits on it.
        await fixture.Log.HandedOverAsync(id, events => events.OfType<Domain.Events.PositionAccepted>().Count() == 3).WaitAsync(TimeSpan.FromSeconds(10), ct);

        // A tick makes every unit worth showing again: the frame it brings leaves out what is not yet recorded.
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var whileHeld = await observer.Frames.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal(["P0"], whileHeld.Units.Select(u => u.UnitId));
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        fixture.Log.Release(id);
        Assert.Equal([null], await first);
        Assert.Equal([null], await second);
        var seen = new HashSet<string>();
        while (!seen.IsSupersetOf([P1, P2]))
        {
            var frame = await observer.Frames.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
            seen.UnionWith(frame.Units.Where(u => u.LastFix is not null).Select(u => u.UnitId));
        }

        // Recorded in the order folded, without gaps, whichever batch arrived first.
        var recorded = fixture.Log.Events(id);
        Assert.Equal(Enumerable.Range(1, recorded.Count).Select(i => (long)i), recorded.Select(e => e.Sequence));
        Assert.Equal(3, recorded.OfType<Domain.Events.PositionAccepted>().Count());
        fixture.Grains.DeleteObjectReference<IIncidentObserver>(reference);
    }

    [Fact]
    public async Task A_subscription_the_incident_did_not_hold_is_said_to_be_new_and_its_renewal_is_not()
    {
        var incident = fixture.Grains.GetGrain<IIncidentGrain>($"inc-{Guid.NewGuid():N}");
        await incident.Open(Sites.Open());
        var reference = fixture.Grains.CreateObjectReference<IIncidentObserver>(new FrameCollector());

        var first = await incident.Subscribe(reference);
        var renewal = await incident.Subscribe(reference);
        await incident.Unsubscribe(reference);
        var again = await incident.Subscribe(reference);

        Assert.Equal((true, false, true), (first, renewal, again));
        fixture.Grains.DeleteObjectReference<IIncidentObserver>(reference);
    }

    [Fact]
    public async Task An_incident_activated_again_holds_no_subscription_and_its_whole_picture_has_what_it_recorded_unwatched()
    {
        var id = $"inc-{Guid.NewGuid():N}";
        var incident = fixture.Grains.GetGrain<IIncidentGrain>(id);
        await incident.Open(Sites.Open());
        await incident.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch");
        var reference = fixture.Grains.CreateObjectReference<IIncidentObserver>(new FrameCollector());
        await incident.Subscribe(reference);

        // The incident leaves its silo and is activated again, as on another host after its own died, by a drill's
        // control that nobody hears.
        await incident.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        Assert.Null(await incident.RecordDrill("pause", "demo", "drill", speed: 0));
        var resubscribed = await incident.Subscribe(reference);
        var whole = await incident.GetFullFrame();

        Assert.True(resubscribed);
        Assert.NotNull(whole);
        Assert.True(whole.Full);
        Assert.Equal(fixture.Log.Events(id).Max(e => e.Sequence), whole.Sequence);
        Assert.Equal(P1, Assert.Single(whole.Units).UnitId);
        Assert.Equal((0, "demo", "drill"), (whole.DrillClock!.Rate, whole.DrillClock.Scenario, whole.DrillClock.Actor));
        fixture.Grains.DeleteObjectReference<IIncidentObserver>(reference);
    }

    [Fact]
    public async Task An_incident_that_does_not_exist_has_no_whole_picture()
    {
        var incident = fixture.Grains.GetGrain<IIncidentGrain>($"inc-{Guid.NewGuid():N}");

        Assert.Null(await incident.GetFullFrame());
    }

    [Fact]
    public async Task An_incident_that_cannot_record_tells_its_watchers_why_at_the_last_event_it_recorded()
    {
        var id = $"inc-{Guid.NewGuid():N}";
        var incident = fixture.Grains.GetGrain<IIncidentGrain>(id);
        await incident.Open(Sites.Open());
        await incident.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch");
        var recorded = (await incident.GetFullFrame())!.Sequence;
        var observer = new FrameCatcher(f => f.NotRecording is not null);
        var reference = fixture.Grains.CreateObjectReference<IIncidentObserver>(observer);
        await incident.Subscribe(reference);

        fixture.Log.Unwritable(id, true);
        try
        {
            var submitted = await incident.Submit([Sites.Report(P1, ClusterFixture.Start, 0, -50)], [], null);
            var frame = await observer.Caught.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

            Assert.Equal(Domain.Validation.RejectReason.Unavailable, submitted[0]?.Reason);
            Assert.Equal((recorded, false, true), (frame.Sequence, frame.Full, frame.Units.IsEmpty));
            Assert.Equal($"IOException: the recording of {id} cannot be written (test)", frame.NotRecording!.Why);
        }
        finally
        {
            fixture.Log.Unwritable(id, false);
            fixture.Grains.DeleteObjectReference<IIncidentObserver>(reference);
        }
    }

    private sealed class FrameCollector : IIncidentObserver
    {
        public System.Threading.Channels.Channel<IncidentFrame> Frames { get; } = System.Threading.Channels.Channel.CreateUnbounded<IncidentFrame>();

        public Task OnFrame(IncidentFrame frame)
        {
            Frames.Writer.TryWrite(frame);
            return Task.CompletedTask;
        }
    }

    private sealed class FrameCatcher(Func<IncidentFrame, bool> wanted) : IIncidentObserver
    {
        private readonly TaskCompletionSource<IncidentFrame> caught = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IncidentFrame> Caught => caught.Task;

        public Task OnFrame(IncidentFrame frame)
        {
            if (wanted(frame))
            {
                caught.TrySetResult(frame);
            }

            return Task.CompletedTask;
        }
    }
}
