using System.Text;
using Command.Recording.Layout;
using Command.Recording.Reading;
using Command.Recording.Tests.Azurite;
using Command.Recording.Tests.Scenarios;

namespace Command.Recording.Tests.Blob;

public sealed class BlobSessionLogTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_appended_to_append_blobs_are_read_back_in_order_with_the_manifest()
    {
        var store = await azurite.NewStoreAsync();
        await using (var log = TestRecording.Log(store, TestRecording.Options(TestRecording.TempFolder())))
        {
            await log.AppendAsync("inc-1", Events.Ticks(1, 5), Ct);
            await log.AppendAsync("inc-1", Events.Ticks(6, 5), Ct);
        }

        var reader = await SessionReader.OpenAsync(store, "inc-1", Ct);
        Assert.Equal(Events.Range(1, 10), await Events.SequencesAsync(reader));
        var manifest = await store.ReadAllAsync(SessionPaths.Manifest("inc-1"), Ct);
        Assert.Contains("\"lastSequence\": 10", Encoding.UTF8.GetString(manifest!), StringComparison.Ordinal);
        Assert.Equal(2, reader.Manifest.Segments.Single().Blocks);
    }

    [Fact]
    public async Task A_retried_append_whose_first_attempt_landed_is_stored_once()
    {
        var store = await azurite.NewStoreAsync();
        var line = "{\"type\":\"clock-ticked\",\"sequence\":1,\"time\":\"2026-03-14T15:00:01+00:00\"}\n"u8.ToArray();
        await store.AppendAsync("inc-1/segment-000001.jsonl", 0, line, Ct);
        await store.AppendAsync("inc-1/segment-000001.jsonl", 0, line, Ct);

        Assert.Equal(line, await store.ReadAllAsync("inc-1/segment-000001.jsonl", Ct));
    }

    [Fact]
    public async Task An_append_at_a_stale_offset_that_did_not_land_is_refused()
    {
        var store = await azurite.NewStoreAsync();
        await store.AppendAsync("inc-1/segment-000001.jsonl", 0, "abc\n"u8.ToArray(), Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("inc-1/segment-000001.jsonl", 0, "abcdefgh\n"u8.ToArray(), Ct));
        Assert.Equal("inc-1/segment-000001.jsonl holds other bytes after offset 0 than this append.", error.Message);
    }

    [Fact]
    public async Task A_retried_append_whose_first_lines_landed_writes_only_the_rest()
    {
        var store = await azurite.NewStoreAsync();
        await store.AppendAsync("inc-1/segment-000001.jsonl", 0, "one\n"u8.ToArray(), Ct);
        await store.AppendAsync("inc-1/segment-000001.jsonl", 0, "one\ntwo\nthree\n"u8.ToArray(), Ct);

        Assert.Equal("one\ntwo\nthree\n"u8.ToArray(), await store.ReadAllAsync("inc-1/segment-000001.jsonl", Ct));
    }

    [Fact]
    public async Task The_catalogue_lists_recorded_sessions_with_name_range_and_count()
    {
        var store = await azurite.NewStoreAsync();
        await using (var log = TestRecording.Log(store, TestRecording.Options(TestRecording.TempFolder())))
        {
            // Five opening inputs, then the first second's three fixes: the second's tick derives nothing and is not recorded.
            await new GrainLikeRecorder(log, "drill-1").RecordAsync(Drill.Inputs(10).Take(9));
            await log.AppendAsync("other", Events.Ticks(1, 2), Ct);
        }

        var sessions = await new SessionCatalogue(store, TimeProvider.System).ListAsync(Ct).ToListAsync(Ct);
        Assert.Equal(
            [new SessionSummary("drill-1", "Drill one", Drill.T0, Drill.T0.AddSeconds(1), 8, 0), new SessionSummary("other", "", Drill.T0.AddSeconds(1), Drill.T0.AddSeconds(2), 2, 0)],
            sessions);
    }
}
