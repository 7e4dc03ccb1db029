using System.Text.Json;
using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Grains.Incidents;

namespace Command.Grains.Tests.Compatibility;

/// <summary>
/// Incident state persisted by the build before it carried a version (the snapshot JSON alone) stays readable: an
/// incident restored from it carries on exactly as its recording goes on.
/// </summary>
public sealed class OldGrainStateTests
{
    private static readonly string Session = Path.Combine(AppContext.BaseDirectory, "Fixtures", "v1-demo", "demo");

    [Fact]
    public void State_written_before_versions_restores_and_folds_on_as_recorded()
    {
        var recorded = File.ReadLines(Path.Combine(Session, "segment-000001.jsonl")).Select(EventJson.Deserialize).ToList();
        var snapshotFile = System.IO.Directory.EnumerateFiles(Path.Combine(Session, "keyframes")).Order(StringComparer.Ordinal).Skip(1).First();
        var old = new IncidentGrainState { SnapshotJson = File.ReadAllText(snapshotFile) };

        var snapshot = old.Snapshot()!;
        var stream = new IncidentStream();
        stream.Restore(snapshot);
        var folded = new List<IncidentEvent>();
        foreach (var e in recorded.Where(e => e.Sequence > snapshot.Sequence))
        {
            stream.Replay(e, folded);
        }

        Assert.Equal(0, old.Version);
        Assert.True(snapshot.Sequence > 100);
        Assert.Equal(recorded.Where(e => e.Sequence > snapshot.Sequence).Select(EventJson.Serialize), folded.Select(EventJson.Serialize));
    }

    [Fact]
    public void State_written_before_acknowledgements_were_kept_restores_its_standing_one_by_time_and_keeps_it_by_name_from_then_on()
    {
        // S1's flag was acknowledged at 250 and still is at 511, whose snapshot did not keep by whom.
        var recorded = File.ReadLines(Path.Combine(Session, "segment-000001.jsonl")).Select(EventJson.Deserialize).ToList();
        var old = new IncidentGrainState { SnapshotJson = File.ReadAllText(Path.Combine(Session, "keyframes", "000000000511.json")) };
        var restored = new IncidentStream();
        restored.Restore(old.Snapshot()!);
        var folded = new IncidentStream();
        foreach (var e in recorded.TakeWhile(e => e.Sequence <= 511))
        {
            folded.Replay(e);
        }

        var kept = new IncidentGrainState();
        kept.Keep(folded.Snapshot());
        var again = new IncidentStream();
        again.Restore(kept.Snapshot()!);

        Assert.DoesNotContain("\"acknowledged\"", old.SnapshotJson, StringComparison.Ordinal);
        var acknowledgedAt = recorded.OfType<FlagAcknowledged>().Single().Time;
        Assert.Equal(("", "", acknowledgedAt), restored.Projection.Acknowledgement("S1") is { } unknown ? (unknown.Actor, unknown.Reason, unknown.Time) : default);
        Assert.Equal(("fixture-commander", "hazard reported: door barricaded", acknowledgedAt),
            again.Projection.Acknowledgement("S1") is { } known ? (known.Actor, known.Reason, known.Time) : default);
    }

    [Fact]
    public void State_is_kept_with_the_version_that_wrote_it_and_refused_from_a_newer_build()
    {
        var snapshot = JsonSerializer.Deserialize(File.ReadAllText(System.IO.Directory.EnumerateFiles(Path.Combine(Session, "keyframes")).First()), EventJsonContext.Default.IncidentSnapshot)!;
        var state = new IncidentGrainState();

        state.Keep(snapshot);
        var newer = new IncidentGrainState { Version = IncidentGrainState.CurrentVersion + 1, SnapshotJson = state.SnapshotJson };

        Assert.Equal(IncidentGrainState.CurrentVersion, state.Version);
        Assert.Equal(snapshot.Sequence, state.Snapshot()!.Sequence);
        Assert.Contains("newer build", Assert.Throws<NotSupportedException>(() => newer.Snapshot()).Message, StringComparison.Ordinal);
    }
}
