using Command.Domain.Events;
using Command.Recording.Hosting;
using Command.Recording.Reading;
using Command.Recording.Storage;
using Command.Recording.Tests.Azurite;
using Command.Recording.Tests.Scenarios;

namespace Command.Recording.Tests.Blob;

/// <summary>The durability promise against a real storage outage: Azurite stopped mid-session and started again.</summary>
public sealed class StorageOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_acknowledged_event_is_in_the_blob_recording_once_and_in_order_after_an_outage()
    {
        await using var azurite = await AzuriteProcess.StartAsync(TestRecording.TempFolder(), Ct);
        var options = TestRecording.Options(TestRecording.TempFolder(), o => (o.Provider, o.ConnectionString) = (RecordingProvider.Blob, azurite.ConnectionString));
        var store = RecordingServiceCollectionExtensions.CreateStore(options);
        await store.EnsureCreatedAsync(Ct);
        var acknowledged = new List<long>();
        await using (var log = TestRecording.Log(store, options))
        {
            await AppendAsync(log, 1, 20, acknowledged);
            var inFlight = AppendAsync(log, 21, 10, acknowledged);
            await azurite.StopAsync();
            await inFlight;
            await AppendAsync(log, 31, 30, acknowledged);

            await azurite.RestartAsync(Ct);
            await AppendAsync(log, 61, 20, acknowledged);
            await log.FlushAsync(Ct);
        }

        var stored = await Events.SequencesAsync(await SessionReader.OpenAsync(store, "inc-1", Ct));
        Assert.Equal(Events.Range(1, 80), acknowledged);
        Assert.Equal(acknowledged, stored);
    }

    [Fact]
    public async Task Appends_complete_from_the_spill_while_storage_is_down_and_drain_when_it_returns()
    {
        var root = TestRecording.TempFolder();
        var store = new CountingStore(new DiskSessionStore(Path.Combine(root, "sessions")));
        var spill = Path.Combine(root, "spill");
        await using var log = TestRecording.Log(store, TestRecording.Options(spill));
        await log.AppendAsync("inc-1", Events.Ticks(1, 3), Ct);
        store.Down = true;
        await log.AppendAsync("inc-1", Events.Ticks(4, 3), Ct);
        await log.AppendAsync("inc-1", Events.Ticks(7, 3), Ct);

        Assert.Equal(6, File.ReadAllLines(Path.Combine(spill, "inc-1.jsonl")).Length);
        store.Down = false;
        await log.FlushAsync(Ct);
        Assert.False(File.Exists(Path.Combine(spill, "inc-1.jsonl")));
        Assert.Equal(Events.Range(1, 9), await Events.SequencesAsync(await SessionReader.OpenAsync(store, "inc-1", Ct)));
    }

    [Fact]
    public async Task A_spill_left_by_a_previous_run_drains_without_duplicating_events_already_stored()
    {
        var root = TestRecording.TempFolder();
        var store = new DiskSessionStore(Path.Combine(root, "sessions"));
        var spill = Path.Combine(root, "spill");
        await using (var first = TestRecording.Log(store, TestRecording.Options(spill)))
        {
            await first.AppendAsync("inc-1", Events.Ticks(1, 5), Ct);
        }

        // As if a crash cut a drain short after storing 4 and 5 but before deleting the spill.
        Directory.CreateDirectory(spill);
        await File.WriteAllLinesAsync(Path.Combine(spill, "inc-1.jsonl"), Events.Ticks(4, 5).Select(EventJson.Serialize), Ct);
        await using (var second = TestRecording.Log(store, TestRecording.Options(spill)))
        {
            await second.ResumeSpilledAsync(Ct);
            await second.FlushAsync(Ct);
        }

        Assert.Equal(Events.Range(1, 8), await Events.SequencesAsync(await SessionReader.OpenAsync(store, "inc-1", Ct)));
    }

    private static async Task AppendAsync(Command.Recording.Writing.RecordingSessionLog log, long from, int count, List<long> acknowledged)
    {
        foreach (var e in Events.Ticks(from, count))
        {
            await log.AppendAsync("inc-1", [e], Ct);
            acknowledged.Add(e.Sequence);
        }
    }
}
