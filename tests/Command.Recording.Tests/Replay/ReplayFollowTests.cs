using Command.Domain.Events;
using Command.Recording.Reading;
using Command.Recording.Replay;
using Command.Recording.Storage;
using Command.Recording.Tests.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Command.Recording.Tests.Replay;

/// <summary>A replay of a session still being recorded plays on past where the recording was when it was opened.</summary>
public sealed class ReplayFollowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_replay_played_to_the_end_of_a_session_still_being_recorded_plays_on_into_what_was_recorded_since()
    {
        var (store, log, recorder) = Recording();
        await using var recording = log;
        var inputs = Drill.Inputs(60).ToList();
        await recorder.RecordAsync(inputs.Where(e => e.Time <= Drill.T0.AddSeconds(30)));
        var clock = new FakeTimeProvider(Drill.T0);
        var catalogue = new SessionCatalogue(store, clock);
        await using var replay = await catalogue.OpenReplayAsync(RecordedDrill.IncidentId, cancellationToken: Ct);
        replay.SetSpeed(60);
        replay.Play();
        clock.Advance(TimeSpan.FromSeconds(1));
        var atFirstEnd = await replay.AdvanceAsync(Ct);
        var waiting = (replay.Follows, replay.IsPaused);

        await recorder.RecordAsync(inputs.Where(e => e.Time > Drill.T0.AddSeconds(30)));
        clock.Advance(ReplaySession.FollowEvery);
        var followed = await replay.AdvanceAsync(Ct);
        await using var opened = await catalogue.OpenReplayAsync(RecordedDrill.IncidentId, at: Drill.T0.AddSeconds(60), cancellationToken: Ct);

        Assert.Equal((Drill.T0.AddSeconds(30), true), (atFirstEnd.Position, atFirstEnd.AtEnd));
        Assert.Equal((true, false), waiting);
        Assert.Equal(Drill.T0.AddSeconds(60), replay.End);
        Assert.Equal(Drill.T0.AddSeconds(60), followed.Position);
        Assert.Contains(followed.Applied, e => e is PositionAccepted { Report.FixTime: var t } && t == Drill.T0.AddSeconds(31));
        Assert.Equal(recorder.Projection.LastSequence, replay.Projection.LastSequence);
        Assert.Equal(opened.Projection.AssessAll(), replay.Projection.AssessAll());
        Assert.False(replay.IsPaused);
    }

    [Fact]
    public async Task A_paused_replay_of_a_session_still_being_recorded_seeks_to_what_was_recorded_after_it_paused()
    {
        // Only a replay playing at its end looked for more: an after-action team that paused to review a drill still
        // running could not seek past where the recording stood when they paused, and was sent to play on to its end.
        var (store, log, recorder) = Recording();
        await using var recording = log;
        var inputs = Drill.Inputs(60).ToList();
        await recorder.RecordAsync(inputs.Where(e => e.Time <= Drill.T0.AddSeconds(30)));
        var clock = new FakeTimeProvider(Drill.T0);
        var catalogue = new SessionCatalogue(store, clock);
        await using var replay = await catalogue.OpenReplayAsync(RecordedDrill.IncidentId, at: Drill.T0.AddSeconds(10), cancellationToken: Ct);

        await recorder.RecordAsync(inputs.Where(e => e.Time > Drill.T0.AddSeconds(30)));
        var sought = await replay.SeekAsync(Drill.T0.AddSeconds(50), Ct);
        await using var opened = await catalogue.OpenReplayAsync(RecordedDrill.IncidentId, at: Drill.T0.AddSeconds(50), cancellationToken: Ct);

        Assert.Equal(Drill.T0.AddSeconds(50), sought.Position);
        Assert.Equal(Drill.T0.AddSeconds(60), replay.End);
        Assert.Equal(opened.Projection.LastSequence, replay.Projection.LastSequence);
        Assert.Equal(opened.Projection.AssessAll(), replay.Projection.AssessAll());
        Assert.True(replay.IsPaused);
    }

    [Fact]
    public async Task A_paused_replay_that_looked_again_plays_on_through_every_event_recorded_since()
    {
        // Looking again while paused midway reads on from where it stands: played on, it folds every event in order, those
        // recorded after it paused included, and ends as a replay opened on the whole session does.
        var (store, log, recorder) = Recording();
        await using var recording = log;
        var inputs = Drill.Inputs(60).ToList();
        await recorder.RecordAsync(inputs.Where(e => e.Time <= Drill.T0.AddSeconds(30)));
        var clock = new FakeTimeProvider(Drill.T0);
        var catalogue = new SessionCatalogue(store, clock);
        await using var replay = await catalogue.OpenReplayAsync(RecordedDrill.IncidentId, at: Drill.T0.AddSeconds(10), cancellationToken: Ct);

        await recorder.RecordAsync(inputs.Where(e => e.Time > Drill.T0.AddSeconds(30)));
        var grew = await replay.LookAgainAsync(Ct);
        var again = await replay.LookAgainAsync(Ct);
        var position = replay.Position;
        replay.SetSpeed(60);
        replay.Play();
        clock.Advance(TimeSpan.FromSeconds(1));
        var played = await replay.AdvanceAsync(Ct);
        await using var opened = await catalogue.OpenReplayAsync(RecordedDrill.IncidentId, at: Drill.T0.AddSeconds(60), cancellationToken: Ct);

        Assert.Equal((true, false), (grew, again));
        Assert.Equal(Drill.T0.AddSeconds(10), position);
        Assert.Equal(Drill.T0.AddSeconds(60), played.Position);
        Assert.Contains(played.Applied, e => e is PositionAccepted { Report.FixTime: var t } && t == Drill.T0.AddSeconds(31));
        Assert.Equal(recorder.Projection.LastSequence, replay.Projection.LastSequence);
        Assert.Equal(opened.Projection.AssessAll(), replay.Projection.AssessAll());
    }

    [Fact]
    public async Task A_replay_at_the_end_of_a_session_still_being_recorded_reads_at_each_look_only_what_was_recorded_since()
    {
        // Each look (every 2 s, paused or playing at the end) read the session again from the snapshot before the last event
        // folded: up to half a minute of a drill of 100 units, some 400 KB, to learn of a second's 14 KB.
        var root = TestRecording.TempFolder();
        var store = new ReadLog(new DiskSessionStore(Path.Combine(root, "sessions")));
        await using var log = TestRecording.Log(store, TestRecording.Options(Path.Combine(root, "spill")));
        var recorder = new GrainLikeRecorder(log, RecordedDrill.IncidentId, snapshotEvery: 40);
        var inputs = Drill.Inputs(60).ToList();
        await recorder.RecordAsync(inputs.Where(e => e.Time <= Drill.T0.AddSeconds(30)));
        await log.FlushAsync(Ct);
        var clock = new FakeTimeProvider(Drill.T0);
        await using var replay = await new SessionCatalogue(store, clock).OpenReplayAsync(RecordedDrill.IncidentId, at: Drill.T0.AddSeconds(30), cancellationToken: Ct);
        var recorded = (await SessionReader.OpenAsync(store, RecordedDrill.IncidentId, Ct)).Manifest.Segments.ToDictionary(s => s.Name, s => s.Length);

        await recorder.RecordAsync(inputs.Where(e => e.Time > Drill.T0.AddSeconds(30)));
        await log.FlushAsync(Ct);
        store.Reads.Clear();
        var grew = await replay.LookAgainAsync(Ct);
        var reads = store.Reads.ToList();
        replay.SetSpeed(60);
        replay.Play();
        clock.Advance(TimeSpan.FromSeconds(1));
        var played = await replay.AdvanceAsync(Ct);
        await using var opened = await new SessionCatalogue(store, clock).OpenReplayAsync(RecordedDrill.IncidentId, at: Drill.T0.AddSeconds(60), cancellationToken: Ct);

        Assert.True(grew);
        Assert.NotEmpty(reads);
        Assert.All(reads, r => Assert.True(r.Offset >= recorded.GetValueOrDefault(Path.GetFileName(r.Path)), $"{r.Path} read from {r.Offset}, before the {recorded.GetValueOrDefault(Path.GetFileName(r.Path))} bytes it had already read"));
        Assert.Equal(Drill.T0.AddSeconds(60), played.Position);
        Assert.Contains(played.Applied, e => e is PositionAccepted { Report.FixTime: var t } && t == Drill.T0.AddSeconds(31));
        Assert.Equal(recorder.Projection.LastSequence, replay.Projection.LastSequence);
        Assert.Equal(opened.Projection.AssessAll(), replay.Projection.AssessAll());
    }

    [Fact]
    public async Task A_look_at_a_session_still_being_recorded_reads_nothing_where_nothing_was_recorded_since_and_never_the_manifest()
    {
        // Each look read the whole manifest again, some 36 KB at two hours of 100 units and 18 KB more every hour, though
        // nothing had been recorded since: a replay left paused beside a long drill read more and more for nothing.
        var root = TestRecording.TempFolder();
        var store = new ReadLog(new DiskSessionStore(Path.Combine(root, "sessions")));
        await using var log = TestRecording.Log(store, TestRecording.Options(Path.Combine(root, "spill")));
        var recorder = new GrainLikeRecorder(log, RecordedDrill.IncidentId, snapshotEvery: 40);
        var inputs = Drill.Inputs(60).ToList();
        await recorder.RecordAsync(inputs.Where(e => e.Time <= Drill.T0.AddSeconds(30)));
        await log.FlushAsync(Ct);
        var clock = new FakeTimeProvider(Drill.T0);
        await using var replay = await new SessionCatalogue(store, clock).OpenReplayAsync(RecordedDrill.IncidentId, at: Drill.T0.AddSeconds(30), cancellationToken: Ct);
        var recorded = (await SessionReader.OpenAsync(store, RecordedDrill.IncidentId, Ct)).Manifest.Segments.ToDictionary(s => s.Name, s => s.Length);

        store.Reads.Clear();
        store.WholeReads.Clear();
        var idle = new[] { await replay.LookAgainAsync(Ct), await replay.LookAgainAsync(Ct), await replay.LookAgainAsync(Ct) };
        var idleReads = (store.Reads.Count, store.WholeReads.Count);

        await recorder.RecordAsync(inputs.Where(e => e.Time > Drill.T0.AddSeconds(30)));
        await log.FlushAsync(Ct);
        store.Reads.Clear();
        store.WholeReads.Clear();
        var grew = await replay.LookAgainAsync(Ct);
        var lookReads = store.Reads.ToList();
        var lookWholes = store.WholeReads.ToList();
        var sought = await replay.SeekAsync(Drill.T0.AddSeconds(55), Ct);
        await using var opened = await new SessionCatalogue(store, clock).OpenReplayAsync(RecordedDrill.IncidentId, at: Drill.T0.AddSeconds(55), cancellationToken: Ct);
        var latest = (await SessionReader.OpenAsync(store, RecordedDrill.IncidentId, Ct)).Manifest.Snapshots.Last(k => k.Time <= Drill.T0.AddSeconds(55));

        Assert.Equal([false, false, false], idle);
        Assert.Equal((0, 0), idleReads);
        Assert.True(grew);
        Assert.Equal(Drill.T0.AddSeconds(60), replay.End);
        Assert.Empty(lookWholes);
        Assert.All(lookReads, r => Assert.True(r.Offset >= recorded.GetValueOrDefault(Path.GetFileName(r.Path)), $"{r.Path} read from {r.Offset}"));
        Assert.True(latest.Time > Drill.T0.AddSeconds(30));
        Assert.Contains(store.WholeReads, r => r.Path == Command.Recording.Layout.SessionPaths.Snapshot(RecordedDrill.IncidentId, latest.Sequence));
        Assert.Equal(Drill.T0.AddSeconds(55), sought.Position);
        Assert.Equal(opened.Projection.LastSequence, replay.Projection.LastSequence);
        Assert.Equal(opened.Projection.AssessAll(), replay.Projection.AssessAll());
    }

    [Fact]
    public async Task A_replay_of_a_closed_session_stops_at_its_end_and_looks_no_further()
    {
        var (store, log, recorder) = Recording();
        await using var recording = log;
        await recorder.RecordAsync([.. Drill.Inputs(20), new IncidentClosed("exercise over", "test") { Time = Drill.T0.AddSeconds(21) }]);
        var clock = new FakeTimeProvider(Drill.T0);
        await using var replay = await new SessionCatalogue(store, clock).OpenReplayAsync(RecordedDrill.IncidentId, cancellationToken: Ct);
        replay.SetSpeed(60);
        replay.Play();
        clock.Advance(TimeSpan.FromSeconds(1));

        var frame = await replay.AdvanceAsync(Ct);

        Assert.True(frame.AtEnd);
        Assert.False(replay.Follows);
        Assert.True(replay.IsPaused);
    }

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(true, false, false)]
    [InlineData(true, true, false)]
    public async Task A_replay_follows_its_session_from_the_start_only_when_the_recording_holds_no_close(bool closed, bool snapshotAfterClose, bool follows)
    {
        // Nothing but the recording says whether the incident closed: no list of incidents is asked.
        var (store, log, recorder) = Recording();
        await using var recording = log;
        await recorder.RecordAsync([.. Drill.Inputs(20), .. closed ? [new IncidentClosed("exercise over", "test") { Time = Drill.T0.AddSeconds(21) }] : Array.Empty<IncidentEvent>()]);
        if (snapshotAfterClose)
        {
            // The close is then in the snapshot a reader starts from, and in no event after it.
            await log.SnapshotAsync(RecordedDrill.IncidentId, recorder.Stream.Snapshot(), Ct);
        }

        await using var replay = await new SessionCatalogue(store, new FakeTimeProvider(Drill.T0)).OpenReplayAsync(RecordedDrill.IncidentId, cancellationToken: Ct);

        Assert.Equal(Drill.T0, replay.Position);
        Assert.Equal(follows, replay.Follows);
    }

    // A session recorded to a fresh disk folder, grain-style, through a log the test keeps open to record more.
    private static (DiskSessionStore Store, Command.Recording.Writing.RecordingSessionLog Log, GrainLikeRecorder Recorder) Recording()
    {
        var root = TestRecording.TempFolder();
        var store = new DiskSessionStore(Path.Combine(root, "sessions"));
        var log = TestRecording.Log(store, TestRecording.Options(Path.Combine(root, "spill")));
        return (store, log, new GrainLikeRecorder(log, RecordedDrill.IncidentId, snapshotEvery: 40));
    }
}
