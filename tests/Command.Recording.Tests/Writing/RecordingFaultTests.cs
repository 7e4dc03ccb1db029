using System.Text;
using Command.Domain.Events;
using Command.Recording.Reading;
using Command.Recording.Storage;
using Command.Recording.Tests.Scenarios;
using Command.Recording.Writing;

namespace Command.Recording.Tests.Writing;

/// <summary>What a session log does when a write fails, storage is down from the start, or the spill was cut short.</summary>
public sealed class RecordingFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (CountingStore Store, string Spill) Fresh()
    {
        var root = TestRecording.TempFolder();
        return (new CountingStore(new DiskSessionStore(Path.Combine(root, "sessions"))), Path.Combine(root, "spill"));
    }

    private static async Task<List<long>> StoredAsync(ISessionStore store, string incidentId) =>
        await Events.SequencesAsync(await SessionReader.OpenAsync(store, incidentId, Ct));

    [Fact]
    public async Task A_failed_write_leaves_no_hole_every_later_batch_is_refused_too()
    {
        var (store, spill) = Fresh();
        await using var log = TestRecording.Log(store, TestRecording.Options(spill));
        await log.AppendAsync("s1", Events.Ticks(1, 2), Ct);
        store.BreakNextAppend = new InvalidOperationException("a conflicting segment (test)");

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await log.AppendAsync("s1", Events.Ticks(3, 2), Ct));
        var gap = await Assert.ThrowsAsync<RecordingGapException>(async () => await log.AppendAsync("s1", Events.Ticks(5, 2), Ct));
        await log.AppendAsync("s1", Events.Ticks(3, 4), Ct);

        Assert.Equal((3L, 5L), (gap.Expected, gap.Got));
        await log.FlushAsync(Ct);
        Assert.Equal(Events.Range(1, 6), await StoredAsync(store, "s1"));
    }

    [Fact]
    public async Task A_session_whose_store_is_down_when_it_is_first_written_spills_and_drains_when_it_answers()
    {
        var (store, spill) = Fresh();
        store.Down = true;
        store.ReadsDown = true;
        await using var log = TestRecording.Log(store, TestRecording.Options(spill));

        await log.AppendAsync("s2", Events.Ticks(1, 3), Ct);
        var spilled = File.Exists(Path.Combine(spill, "s2.jsonl"));
        store.Down = false;
        await log.FlushAsync(Ct);

        Assert.True(spilled);
        Assert.Equal(Events.Range(1, 3), await StoredAsync(store, "s2"));
        Assert.False(File.Exists(Path.Combine(spill, "s2.jsonl")));
    }

    [Fact]
    public async Task A_spill_cut_short_mid_line_is_repaired_and_drained_at_the_next_start()
    {
        var (store, spill) = Fresh();
        Directory.CreateDirectory(spill);
        var whole = string.Concat(Events.Ticks(1, 2).Select(e => EventJson.Serialize(e) + "\n"));
        var torn = EventJson.Serialize(Events.Ticks(3, 1)[0])[..25];
        await File.WriteAllTextAsync(Path.Combine(spill, "s3.jsonl"), whole + torn, new UTF8Encoding(false), Ct);
        await File.WriteAllTextAsync(Path.Combine(spill, "not a session!.jsonl"), "junk", new UTF8Encoding(false), Ct);
        await using var log = TestRecording.Log(store, TestRecording.Options(spill));

        await log.ResumeSpilledAsync(Ct);
        await log.AppendAsync("s3", Events.Ticks(3, 2), Ct);
        await log.FlushAsync(Ct);

        Assert.Equal(Events.Range(1, 4), await StoredAsync(store, "s3"));
        Assert.False(File.Exists(Path.Combine(spill, "s3.jsonl")));
        Assert.True(File.Exists(Path.Combine(spill, "not a session!.jsonl")));
    }

    [Fact]
    public async Task The_tail_of_a_session_includes_what_is_still_in_its_spill()
    {
        var (store, spill) = Fresh();
        await using var log = TestRecording.Log(store, TestRecording.Options(spill));
        await log.AppendAsync("s4", Events.Ticks(1, 2), Ct);
        store.Down = true;
        await log.AppendAsync("s4", Events.Ticks(3, 2), Ct);

        var tail = await log.ReadTailAsync("s4", 1, Ct);

        Assert.Equal(Events.Range(2, 4), tail.Events.Select(e => e.Sequence));
        Assert.True(File.Exists(Path.Combine(spill, "s4.jsonl")));
        store.Down = false;
        await log.FlushAsync(Ct);
    }
}
