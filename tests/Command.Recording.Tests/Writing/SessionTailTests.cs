using Command.Domain.Incidents;
using Command.Recording.Tests.Scenarios;

namespace Command.Recording.Tests.Writing;

public sealed class SessionTailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_incident_with_nothing_restores_from_the_latest_snapshot_and_the_events_after_it()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 40);
        await using var log = TestRecording.Log(drill.Store, TestRecording.Options(Path.Combine(TestRecording.TempFolder(), "spill")));

        var tail = await log.ReadTailAsync(RecordedDrill.IncidentId, 0, Ct);

        var snapshot = Assert.IsType<IncidentSnapshot>(tail.Snapshot);
        Assert.True(snapshot.Sequence > drill.Recorded[^1].Sequence - 200, $"snapshot at {snapshot.Sequence} of {drill.Recorded[^1].Sequence}");
        Assert.Equal(drill.Recorded.Where(e => e.Sequence > snapshot.Sequence), tail.Events);
        var restored = new IncidentProjection();
        restored.Restore(snapshot);
        foreach (var e in tail.Events)
        {
            restored.Apply(e);
        }

        Assert.Equal(drill.Recorded[^1].Sequence, restored.LastSequence);
        Assert.Equal(["P1", "P2", "P3"], restored.Units.Keys.Order());
    }

    [Fact]
    public async Task State_past_the_latest_snapshot_gets_only_the_events_after_it_and_state_at_the_end_gets_nothing()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 40);
        await using var log = TestRecording.Log(drill.Store, TestRecording.Options(Path.Combine(TestRecording.TempFolder(), "spill")));
        var latest = (await log.ReadTailAsync(RecordedDrill.IncidentId, 0, Ct)).Snapshot!.Sequence;
        var after = latest + 7;

        var tail = await log.ReadTailAsync(RecordedDrill.IncidentId, after, Ct);
        var none = await log.ReadTailAsync(RecordedDrill.IncidentId, drill.Recorded[^1].Sequence, Ct);
        var unknown = await log.ReadTailAsync("never-recorded", 0, Ct);

        Assert.Null(tail.Snapshot);
        Assert.Equal(drill.Recorded.Where(e => e.Sequence > after), tail.Events);
        Assert.True(none.IsEmpty);
        Assert.True(unknown.IsEmpty);
    }
}
