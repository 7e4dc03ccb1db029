using System.Diagnostics;
using Command.Recording.Hosting;
using Command.Recording.Storage;
using Command.Recording.Writing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Command.Benchmarks.Recording;

/// <summary>
/// The hour session recorded once to a disk folder shared by the read benchmarks (each BenchmarkDotNet process
/// would otherwise spend minutes regenerating it). A marker file says the recording finished.
/// </summary>
internal static class RecordedHour
{
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "command-bench", $"hour-{HourSession.Units}x{HourSession.Seconds}-k{HourSession.SnapshotEvery}");

    public static DiskSessionStore Store => new(Root);

    public static async Task EnsureAsync()
    {
        var marker = Path.Combine(Root, "complete");
        if (File.Exists(marker))
        {
            return;
        }

        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        var watch = Stopwatch.StartNew();
        var options = new RecordingOptions { SpillPath = Path.Combine(Root, "..", "spill") };
        await using (var log = new RecordingSessionLog(Store, options, TimeProvider.System, NullLogger<RecordingSessionLog>.Instance))
        {
            foreach (var (batch, snapshot) in HourSession.Batches())
            {
                await log.AppendAsync(HourSession.IncidentId, batch);
                if (snapshot is not null)
                {
                    await log.SnapshotAsync(HourSession.IncidentId, snapshot);
                }
            }
        }

        await File.WriteAllTextAsync(marker, $"recorded in {watch.Elapsed.TotalSeconds:F1} s (generation, fold and write)\n");
        Console.WriteLine($"// hour session recorded in {watch.Elapsed.TotalSeconds:F1} s at {Root}");
    }
}
