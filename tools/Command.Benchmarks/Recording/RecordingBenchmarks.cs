using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Command.Recording.Reading;
using Command.Recording.Replay;

namespace Command.Benchmarks.Recording;

/// <summary>
/// Recording at scale: a one-hour session of 500 units at 1 report/s (1.8 M positions plus ticks). Long macro
/// operations, so each is run a few times (monitoring strategy) rather than micro-sampled.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class RecordingBenchmarks
{
    private readonly Random random = new(11);
    private AzuriteHost? azurite;
    private ReplaySession? replay;
    private ManualClock clock = new();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await RecordedHour.EnsureAsync();
        azurite = await AzuriteHost.StartAsync();
        clock = new ManualClock();
        replay = await ReplaySession.OpenAsync(await SessionReader.OpenAsync(RecordedHour.Store, HourSession.IncidentId), clock);
        await replay.SeekAsync(HourSession.T0.AddMinutes(20));
        replay.SetSpeed(60);
        replay.Play();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (replay is not null)
        {
            await replay.DisposeAsync();
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    [IterationCleanup]
    public void DeleteWrittenCopies() => RecordingOperations.DeleteWrittenCopies();

    [Benchmark(Description = "write hour to disk")]
    public Task<long> WriteDisk() => RecordingOperations.WriteAsync(RecordingOperations.NewDiskStore(), HourSession.IncidentId);

    [Benchmark(Description = "write hour to Azurite")]
    public Task<long> WriteAzurite() => RecordingOperations.WriteAsync(RecordingOperations.NewBlobStore(azurite!), HourSession.IncidentId);

    [Benchmark(Description = "open + seek to a random instant")]
    public Task<long> OpenAndSeek() => RecordingOperations.OpenAndSeekAsync(HourSession.T0.AddSeconds(random.Next(1, HourSession.Seconds)));

    [Benchmark(Description = "after-action report of the hour")]
    public async Task<int> Report() => (await RecordingOperations.ReportAsync()).Units.Length;

    [Benchmark(Description = "replay at 60x: one wall second")]
    public Task<int> ReplayAt60x() => RecordingOperations.ReplayMinuteAt60xAsync(replay!, clock);
}
