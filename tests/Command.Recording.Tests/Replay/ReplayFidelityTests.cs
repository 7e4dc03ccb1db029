using System.Text.Json;
using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Recording.Replay;
using Command.Recording.Tests.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Command.Recording.Tests.Replay;

public sealed class ReplayFidelityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replay_recomputes_exactly_the_flag_events_that_were_recorded()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 300, snapshotEvery: 100);
        var recordedFlags = drill.Recorded.Where(e => e.IsDerived).ToList();
        Assert.Contains(recordedFlags, e => e is FlagRaised { Subject: "P1" });

        var clock = new FakeTimeProvider(Drill.T0);
        await using var replay = await ReplaySession.OpenAsync(await drill.OpenAsync(), clock, cancellationToken: Ct);
        replay.SetSpeed(60);
        replay.Play();
        var replayed = new List<IncidentEvent>();
        for (var frame = 0; frame < 10 && !replay.AtEnd; frame++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            replayed.AddRange((await replay.AdvanceAsync(Ct)).Applied);
        }

        Assert.True(replay.AtEnd);
        Assert.Equal(recordedFlags, replayed.Where(e => e.IsDerived));
        Assert.Equal(drill.Recorded.Where(e => !e.IsDerived && e.Time > Drill.T0), replayed.Where(e => !e.IsDerived));
    }

    [Fact]
    public async Task Seeking_through_a_snapshot_reaches_the_same_state_as_folding_from_the_start()
    {
        var withSnapshots = await RecordedDrill.RecordAsync(seconds: 240, snapshotEvery: 50);
        var withoutSnapshots = await RecordedDrill.RecordAsync(seconds: 240, snapshotEvery: 0);
        var instant = Drill.T0.AddSeconds(170.5);

        var viaSnapshot = await StateAtAsync(withSnapshots, instant);
        var fromStart = await StateAtAsync(withoutSnapshots, instant);

        Assert.NotEmpty((await withSnapshots.OpenAsync()).Manifest.Snapshots);
        Assert.Empty((await withoutSnapshots.OpenAsync()).Manifest.Snapshots);
        Assert.Equal(Json(fromStart.Snapshot()), Json(viaSnapshot.Snapshot()));
        Assert.Equal(Drill.T0.AddSeconds(170), viaSnapshot.Clock);
    }

    private static async Task<IncidentProjection> StateAtAsync(RecordedDrill drill, DateTimeOffset instant)
    {
        await using var replay = await ReplaySession.OpenAsync(await drill.OpenAsync(), new FakeTimeProvider(), cancellationToken: Ct);
        var frame = await replay.SeekAsync(instant, Ct);
        Assert.Equal(instant, frame.Position);
        return replay.Projection;
    }

    private static string Json(IncidentSnapshot snapshot) => JsonSerializer.Serialize(snapshot, EventJsonContext.Default.IncidentSnapshot);
}
