using Azure.Storage.Blobs;
using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Recording.AfterAction;
using Command.Recording.Hosting;
using Command.Recording.Reading;
using Command.Recording.Replay;
using Command.Recording.Storage;
using Command.Recording.Writing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Command.Benchmarks.Recording;

/// <summary>The measured operations, shared by the BenchmarkDotNet class and the console macro run.</summary>
internal static class RecordingOperations
{
    private static readonly Lazy<List<IncidentEvent[]>> HourBatches = new(() => [.. HourSession.Batches(snapshotEvery: 0).Select(b => b.Batch)]);

    /// <summary>The hour's batches, generated once per process and only by the write benchmarks (the fold is not what is measured).</summary>
    public static List<IncidentEvent[]> Batches => HourBatches.Value;

    /// <summary>Appends the hour as the grain would (one batch a second of drill time, each awaited) with 8 in flight.</summary>
    public static async Task<long> WriteAsync(ISessionStore store, string incidentId)
    {
        var options = new RecordingOptions { SpillPath = Path.Combine(Path.GetTempPath(), "command-bench", "spill-" + Guid.NewGuid().ToString("N")) };
        await store.EnsureCreatedAsync(CancellationToken.None);
        await using var log = new RecordingSessionLog(store, options, TimeProvider.System, NullLogger<RecordingSessionLog>.Instance);
        var inFlight = new Queue<Task>();
        long events = 0;
        foreach (var batch in Batches)
        {
            inFlight.Enqueue(log.AppendAsync(incidentId, batch).AsTask());
            events += batch.Length;
            if (inFlight.Count >= 8)
            {
                await inFlight.Dequeue();
            }
        }

        await Task.WhenAll(inFlight);
        return events;
    }

    /// <summary>Deletes the folders the write benchmarks filled (half a gigabyte each).</summary>
    public static void DeleteWrittenCopies()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.Combine(Path.GetTempPath(), "command-bench"), "write-*"))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static DiskSessionStore NewDiskStore() => new(Path.Combine(Path.GetTempPath(), "command-bench", "write-" + Guid.NewGuid().ToString("N")));

    public static BlobSessionStore NewBlobStore(AzuriteHost azurite) =>
        new(new BlobServiceClient(azurite.ConnectionString, RecordingServiceCollectionExtensions.BlobOptions(new RecordingOptions()))
            .GetBlobContainerClient("bench" + Guid.NewGuid().ToString("N")));

    /// <summary>Opens the recorded hour and seeks to an instant: snapshot restore plus the fold to the instant.</summary>
    public static async Task<long> OpenAndSeekAsync(DateTimeOffset instant)
    {
        var reader = await SessionReader.OpenAsync(RecordedHour.Store, HourSession.IncidentId);
        await using var replay = await ReplaySession.OpenAsync(reader, TimeProvider.System, at: instant);
        return replay.Projection.LastSequence;
    }

    public static async Task<AfterActionReport> ReportAsync()
    {
        var reader = await SessionReader.OpenAsync(RecordedHour.Store, HourSession.IncidentId);
        return await AfterActionExport.BuildAsync(reader);
    }

    /// <summary>One wall second of replay at 60×: folds a minute of the hour (30,000 positions, their flags).</summary>
    public static async Task<int> ReplayMinuteAt60xAsync(ReplaySession replay, ManualClock clock)
    {
        clock.Advance(TimeSpan.FromSeconds(1));
        return (await replay.AdvanceAsync()).Applied.Count;
    }
}

/// <summary>A clock the benchmark moves by hand, so a replay's 60× is measured without waiting a real second.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => ticks;

    public void Advance(TimeSpan by) => ticks += by.Ticks;
}
