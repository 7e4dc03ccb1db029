using Command.Recording.Layout;
using Command.Recording.Reading;
using Command.Recording.Storage;
using Command.Recording.Tests.Scenarios;

namespace Command.Recording.Tests.Writing;

public sealed class DiskSessionLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Appended_events_are_read_back_in_order_from_jsonl_segments()
    {
        var root = TestRecording.TempFolder();
        var store = new DiskSessionStore(Path.Combine(root, "sessions"));
        await using (var log = TestRecording.Log(store, TestRecording.Options(Path.Combine(root, "spill"))))
        {
            await log.AppendAsync("inc-1", Events.Ticks(1, 3), Ct);
            await log.AppendAsync("inc-1", Events.Ticks(4, 2), Ct);
        }

        var lines = await File.ReadAllLinesAsync(Path.Combine(root, "sessions", "inc-1", "segment-000001.jsonl"), Ct);
        Assert.Equal(5, lines.Length);
        Assert.Equal("{\"type\":\"clock-ticked\",\"sequence\":1,\"time\":\"2026-03-14T15:00:01+00:00\"}", lines[0]);
        var reader = await SessionReader.OpenAsync(store, "inc-1", Ct);
        Assert.Equal(Events.Range(1, 5), await Events.SequencesAsync(reader));
    }

    [Fact]
    public async Task Appends_that_arrive_while_a_write_is_in_flight_are_committed_as_one_write()
    {
        var root = TestRecording.TempFolder();
        var store = new CountingStore(new DiskSessionStore(root));
        await using var log = TestRecording.Log(store, TestRecording.Options(Path.Combine(root, "spill")));
        var held = store.HoldNextAppend();
        var first = log.AppendAsync("inc-1", Events.Ticks(1, 1), Ct).AsTask();
        await held;
        var queued = Enumerable.Range(2, 9).Select(s => log.AppendAsync("inc-1", Events.Ticks(s, 1), Ct).AsTask()).ToArray();
        store.Release();
        await first;
        await Task.WhenAll(queued);

        Assert.Equal(2, store.Appends);
        Assert.Equal(Events.Range(1, 10), await Events.SequencesAsync(await SessionReader.OpenAsync(store, "inc-1", Ct)));
    }

    [Fact]
    public async Task Segments_roll_by_size_and_the_manifest_lists_their_ranges()
    {
        var root = TestRecording.TempFolder();
        var store = new DiskSessionStore(root);
        var options = TestRecording.Options(Path.Combine(root, "spill"), o => (o.MaxSegmentBytes, o.MaxBatchBytes) = (4096, 4096));
        await using (var log = TestRecording.Log(store, options))
        {
            for (var s = 1; s <= 200; s += 10)
            {
                await log.AppendAsync("inc-1", Events.Ticks(s, 10), Ct);
            }
        }

        var manifest = (await SessionReader.OpenAsync(store, "inc-1", Ct)).Manifest;
        Assert.True(manifest.Segments.Length > 1);
        Assert.All(manifest.Segments, s => Assert.True(s.Length <= 4096));
        Assert.Equal(1, manifest.Segments[0].FirstSequence);
        Assert.Equal(200, manifest.Segments[^1].LastSequence);
        Assert.All(manifest.Segments.Zip(manifest.Segments.Skip(1)), p => Assert.Equal(p.First.LastSequence + 1, p.Second.FirstSequence));
        Assert.Equal((1, 200, 200), (manifest.FirstSequence, manifest.LastSequence, manifest.EventCount));
    }

    [Fact]
    public async Task Segments_roll_by_block_count()
    {
        var root = TestRecording.TempFolder();
        var store = new DiskSessionStore(root);
        await using (var log = TestRecording.Log(store, TestRecording.Options(Path.Combine(root, "spill"), o => o.MaxSegmentBlocks = 3)))
        {
            for (var s = 1; s <= 7; s++)
            {
                await log.AppendAsync("inc-1", Events.Ticks(s, 1), Ct);
            }
        }

        var manifest = (await SessionReader.OpenAsync(store, "inc-1", Ct)).Manifest;
        Assert.Equal(["segment-000001.jsonl", "segment-000002.jsonl", "segment-000003.jsonl"], manifest.Segments.Select(s => s.Name));
        Assert.Equal([3, 3, 1], manifest.Segments.Select(s => s.Blocks));
    }

    [Fact]
    public async Task Events_past_a_lagging_manifest_are_still_read()
    {
        var root = TestRecording.TempFolder();
        var store = new DiskSessionStore(root);
        await using var log = TestRecording.Log(store, TestRecording.Options(Path.Combine(root, "spill")));
        await log.AppendAsync("inc-1", Events.Ticks(1, 4), Ct);
        await log.FlushAsync(Ct);
        await log.AppendAsync("inc-1", Events.Ticks(5, 3), Ct);

        var onDisk = await File.ReadAllTextAsync(Path.Combine(root, "inc-1", SessionPaths.ManifestName), Ct);
        Assert.Contains("\"lastSequence\": 4", onDisk, StringComparison.Ordinal);
        Assert.Equal(Events.Range(1, 7), await Events.SequencesAsync(await SessionReader.OpenAsync(store, "inc-1", Ct)));
    }

    [Fact]
    public async Task A_session_reopened_after_a_restart_continues_in_a_new_segment()
    {
        var root = TestRecording.TempFolder();
        var store = new DiskSessionStore(root);
        await using (var log = TestRecording.Log(store, TestRecording.Options(Path.Combine(root, "spill"))))
        {
            await log.AppendAsync("inc-1", Events.Ticks(1, 3), Ct);
        }

        await using (var log = TestRecording.Log(store, TestRecording.Options(Path.Combine(root, "spill"))))
        {
            await log.AppendAsync("inc-1", Events.Ticks(4, 3), Ct);
        }

        var reader = await SessionReader.OpenAsync(store, "inc-1", Ct);
        Assert.Equal(["segment-000001.jsonl", "segment-000002.jsonl"], reader.Manifest.Segments.Select(s => s.Name));
        Assert.Equal(Events.Range(1, 6), await Events.SequencesAsync(reader));
    }

    [Fact]
    public async Task Events_out_of_sequence_order_are_refused_before_anything_is_written()
    {
        var root = TestRecording.TempFolder();
        await using var log = TestRecording.Log(new DiskSessionStore(root), TestRecording.Options(Path.Combine(root, "spill")));
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await log.AppendAsync("inc-1", [.. Events.Ticks(5, 1), .. Events.Ticks(4, 1)], Ct));
        Assert.Equal("Events must be in rising sequence order; 4 follows 5. (Parameter 'events')", error.Message);
        Assert.False(Directory.Exists(Path.Combine(root, "inc-1")));
    }
}
