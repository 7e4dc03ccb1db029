using Command.Domain.Events;
using Command.Recording.Reading;
using Command.Recording.Replay;
using Command.Recording.Tests.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Command.Recording.Tests.Replay;

public sealed class ReplayClockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Playing_at_two_times_moves_the_clock_twice_as_fast_as_the_time_provider()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var clock = new FakeTimeProvider(Drill.T0);
        await using var replay = await ReplaySession.OpenAsync(await drill.OpenAsync(), clock, cancellationToken: Ct);
        replay.SetSpeed(2);
        replay.Play();
        clock.Advance(TimeSpan.FromSeconds(10));
        var frame = await replay.AdvanceAsync(Ct);

        Assert.Equal(Drill.T0.AddSeconds(20), frame.Position);
        Assert.Equal(Drill.T0.AddSeconds(20), replay.Projection.Clock);
        Assert.Equal(20 * 3, frame.Applied.Count(e => e is PositionAccepted));
        Assert.True(frame.Ticked);
        Assert.True(frame.IsReplay);
    }

    [Fact]
    public async Task A_paused_replay_does_not_move()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);
        var clock = new FakeTimeProvider(Drill.T0);
        await using var replay = await ReplaySession.OpenAsync(await drill.OpenAsync(), clock, cancellationToken: Ct);
        replay.Play();
        clock.Advance(TimeSpan.FromSeconds(5));
        await replay.AdvanceAsync(Ct);
        replay.Pause();
        clock.Advance(TimeSpan.FromSeconds(5));
        var frame = await replay.AdvanceAsync(Ct);

        Assert.Equal((Drill.T0.AddSeconds(5), 0), (frame.Position, frame.Applied.Count));
    }

    [Fact]
    public async Task Playing_at_the_end_leaves_the_replay_paused_rather_than_playing_nothing()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);
        var clock = new FakeTimeProvider(Drill.T0);
        await using var replay = await ReplaySession.OpenAsync(await drill.OpenAsync(), clock, cancellationToken: Ct);
        replay.SetSpeed(60);
        replay.Play();
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True((await replay.AdvanceAsync(Ct)).AtEnd);

        replay.Play();

        Assert.True(replay.IsPaused);
        Assert.True(replay.AtEnd);
    }

    [Fact]
    public async Task Step_folds_exactly_the_next_input_event()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 5, snapshotEvery: 0);
        await using var replay = await ReplaySession.OpenAsync(await drill.OpenAsync(), new FakeTimeProvider(), cancellationToken: Ct);
        var frame = await replay.StepAsync(Ct);

        var next = drill.Recorded.First(e => e.Time > Drill.T0);
        Assert.Equal(next, frame.Applied[0]);
        Assert.Equal(next.Time, frame.Position);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(61)]
    public async Task Speeds_outside_a_quarter_to_sixty_times_are_refused(double speed)
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 2, snapshotEvery: 0);
        await using var replay = await ReplaySession.OpenAsync(await drill.OpenAsync(), new FakeTimeProvider(), cancellationToken: Ct);
        Assert.Throws<ArgumentOutOfRangeException>(() => replay.SetSpeed(speed));
    }

    [Fact]
    public async Task Seek_reads_from_the_snapshot_offset_not_from_the_start()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 120, snapshotEvery: 40);
        var store = new ReadLog(drill.Store);
        var reader = await SessionReader.OpenAsync(store, RecordedDrill.IncidentId, Ct);
        await using var replay = await ReplaySession.OpenAsync(reader, new FakeTimeProvider(), cancellationToken: Ct);
        store.Reads.Clear();
        await replay.SeekAsync(Drill.T0.AddSeconds(100), Ct);

        var snapshot = reader.Manifest.Snapshots.Last(k => k.Time <= Drill.T0.AddSeconds(100));
        Assert.Equal([($"{RecordedDrill.IncidentId}/{snapshot.Segment}", snapshot.Offset)], store.Reads);
        Assert.True(snapshot.Offset > 0);
    }

    [Fact]
    public async Task The_timeline_holds_every_recorded_flag_and_command()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 200, snapshotEvery: 0);
        await using var replay = await ReplaySession.OpenAsync(await drill.OpenAsync(), new FakeTimeProvider(), cancellationToken: Ct);

        var expected = drill.Recorded.Where(e => e is FlagRaised or FlagEscalated or FlagCleared or FlagAcknowledged or ThreatSet or ThreatPhaseChanged or UnitRoleChanged or DrillControlled);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await replay.TimelineAsync(Ct));
    }
}
