using System.Diagnostics;
using Command.Recording.Hosting;
using Command.Recording.Reading;
using Command.Recording.Storage;
using Command.Recording.Writing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Command.Benchmarks.Recording;

/// <summary>
/// The list of sessions on a host that has kept a season of drills: <see cref="Drills"/> one-hour drills of
/// <see cref="DrillUnits"/> units reporting once a second, listed first as a host just started lists them (every recording
/// read line by line for damage) and then again (read on from where the first stopped), as GET /api/sessions does.
/// </summary>
public static class SessionListMacro
{
    /// <summary>Sessions kept: a season of weekly drills.</summary>
    public const int Drills = 40;

    /// <summary>Units in each drill: a school drill's patrols, a tactical team and a perimeter.</summary>
    public const int DrillUnits = 40;

    private static string Root { get; } = Path.Combine(Path.GetTempPath(), "command-bench", $"sessions-{Drills}x{DrillUnits}x{HourSession.Seconds}");

    public static async Task RunAsync(TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        await EnsureAsync();
        var store = new DiskSessionStore(Root);
        var bytes = Directory.EnumerateFiles(Root, "segment-*.jsonl", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        output.WriteLine($"{Drills} sessions ready ({watch.Elapsed.TotalSeconds:F1} s): {bytes / (1024.0 * 1024):F0} MiB of segments at {Root}");
        var catalogue = new SessionCatalogue(store, TimeProvider.System);
        watch.Restart();
        var first = await catalogue.ListAsync().ToListAsync();
        output.WriteLine($"first listing after start: {watch.Elapsed.TotalSeconds:F2} s for {first.Count} sessions ({first.Sum(s => s.EventCount):N0} events)");
        output.WriteLine($"  of which {first.Count(s => s.Checking)} listed as still being checked");
        var since = Stopwatch.StartNew();
        var listings = new List<double>();
        while (true)
        {
            // Listed again once a second, as a page left open might, until every session is checked.
            await Task.Delay(TimeSpan.FromSeconds(1));
            watch.Restart();
            var again = await catalogue.ListAsync().ToListAsync();
            listings.Add(watch.Elapsed.TotalMilliseconds);
            if (!again.Any(s => s.Checking))
            {
                break;
            }
        }

        output.WriteLine($"every session checked {since.Elapsed.TotalSeconds:F1} s after the first listing; listings meanwhile: median {listings.Order().ElementAt(listings.Count / 2):F0} ms, max {listings.Max():F0} ms");
        watch.Restart();
        await catalogue.ListAsync().ToListAsync();
        output.WriteLine($"listing again: {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    // One drill recorded as the host records it, then copied under the other ids (its manifest renamed).
    private static async Task EnsureAsync()
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

        const string Recorded = "drill-00";
        var options = new RecordingOptions { SpillPath = Path.Combine(Root, "..", "spill-sessions") };
        await using (var log = new RecordingSessionLog(new DiskSessionStore(Root), options, TimeProvider.System, NullLogger<RecordingSessionLog>.Instance))
        {
            foreach (var (batch, snapshot) in HourSession.Batches(units: DrillUnits, incidentId: Recorded))
            {
                await log.AppendAsync(Recorded, batch);
                if (snapshot is not null)
                {
                    await log.SnapshotAsync(Recorded, snapshot);
                }
            }
        }

        for (var d = 1; d < Drills; d++)
        {
            var id = $"drill-{d:D2}";
            Copy(Path.Combine(Root, Recorded), Path.Combine(Root, id));
            var manifest = Path.Combine(Root, id, "manifest.json");
            await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest)).Replace($"\"{Recorded}\"", $"\"{id}\"", StringComparison.Ordinal));
        }

        await File.WriteAllTextAsync(marker, "recorded\n");
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
