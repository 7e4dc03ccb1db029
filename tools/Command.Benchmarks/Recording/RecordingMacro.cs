using System.Diagnostics;
using Command.Recording.AfterAction;
using Command.Recording.Reading;
using Command.Recording.Replay;

namespace Command.Benchmarks.Recording;

/// <summary>
/// The same measurements as <see cref="RecordingBenchmarks"/> as a plain Stopwatch run that prints its figures:
/// quicker than BenchmarkDotNet's process-per-benchmark for operations that take seconds to minutes.
/// </summary>
public static class RecordingMacro
{
    public static async Task RunAsync(TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        await RecordedHour.EnsureAsync();
        output.WriteLine($"recorded hour ready ({watch.Elapsed.TotalSeconds:F1} s) at {RecordedHour.Root}");
        watch.Restart();
        var total = RecordingOperations.Batches.Sum(b => b.Length);
        output.WriteLine($"generated and folded {total:N0} events in {watch.Elapsed.TotalSeconds:F1} s");
        var reader = await SessionReader.OpenAsync(RecordedHour.Store, HourSession.IncidentId);
        var mib = reader.TotalBytes / (1024.0 * 1024);
        output.WriteLine($"session: {reader.Manifest.EventCount:N0} events, {mib:F0} MiB in {reader.Manifest.Segments.Length} segments, {reader.Manifest.Snapshots.Length} snapshots");

        watch.Restart();
        await RecordingOperations.WriteAsync(RecordingOperations.NewDiskStore(), HourSession.IncidentId);
        Throughput(output, "write to disk", total, mib, watch.Elapsed);
        RecordingOperations.DeleteWrittenCopies();
        await using (var azurite = await AzuriteHost.StartAsync())
        {
            watch.Restart();
            await RecordingOperations.WriteAsync(RecordingOperations.NewBlobStore(azurite), HourSession.IncidentId);
            Throughput(output, "write to Azurite", total, mib, watch.Elapsed);
        }

        var random = new Random(11);
        var seeks = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            watch.Restart();
            await RecordingOperations.OpenAndSeekAsync(HourSession.T0.AddSeconds(random.Next(1, HourSession.Seconds)));
            seeks.Add(watch.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"open + seek to a random instant: median {Median(seeks):F0} ms, max {seeks.Max():F0} ms (10 seeks)");
        var reports = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            watch.Restart();
            var report = await RecordingOperations.ReportAsync();
            reports.Add(watch.Elapsed.TotalMilliseconds);
            if (i == 0)
            {
                await using var html = File.Create(Path.Combine(RecordedHour.Root, "..", "hour.html"));
                await AfterActionExport.WriteHtmlAsync(report, html);
                output.WriteLine($"report: {report.Units.Length} units, {report.Distances.Length:N0} distance samples, {report.Flags.Length} flags; html {html.Length / 1024} KiB");
            }
        }

        output.WriteLine($"after-action report of the hour: median {Median(reports):F0} ms, max {reports.Max():F0} ms (3 runs)");
        var clock = new ManualClock();
        await using var replay = await ReplaySession.OpenAsync(await SessionReader.OpenAsync(RecordedHour.Store, HourSession.IncidentId), clock);
        await replay.SeekAsync(HourSession.T0.AddMinutes(20));
        replay.SetSpeed(60);
        replay.Play();
        var seconds = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            watch.Restart();
            await RecordingOperations.ReplayMinuteAt60xAsync(replay, clock);
            seconds.Add(watch.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"replay at 60x: one wall second (a minute of drill) folds in median {Median(seconds):F0} ms, max {seconds.Max():F0} ms");
    }

    private static void Throughput(TextWriter output, string what, long events, double mib, TimeSpan elapsed) =>
        output.WriteLine($"{what}: {elapsed.TotalSeconds:F1} s, {events / elapsed.TotalSeconds:N0} events/s, {mib / elapsed.TotalSeconds:F1} MiB/s");

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
