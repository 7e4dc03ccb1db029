using System.Net.Http.Json;

namespace Command.LoadTest;

/// <summary>
/// Many quiet incidents on one fresh host: each opened with an active threat and its units enrolled by one report
/// each, then left alone (no reports, no viewers). Prints the host's resident memory per incident and per unit over
/// the empty host's, and the share of a core the quiet incidents take against the empty host's.
/// </summary>
internal static class ScaleRun
{
    private const int Senders = 8;

    public static async Task RunAsync(LoadOptions options, string run)
    {
        if (options.Url is not null)
        {
            throw new InvalidOperationException("The scale phase measures a host this tool starts: leave out --url.");
        }

        // The host's limit on open incidents (100 by default) is raised to what this phase opens.
        await using var target = await LoadTarget.OpenAsync(options, new Dictionary<string, string> { ["Incidents:MaxOpen"] = options.ScaleIncidents.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var host = target.Process!;
        var quiet = TimeSpan.FromSeconds(options.Seconds);
        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
        var emptyCore = await CoreShareAsync(host, quiet);
        var emptyBytes = host.ResidentBytes;

        var opened = 0;
        var ids = Enumerable.Range(0, options.ScaleIncidents).Select(i => $"scale-{run}-{i}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (id, ct) =>
        {
            await LoadRun.OpenIncidentsAsync(target.Http, id, 1, named: id);
            var batch = new ReportBatch(id, options.ScaleUnits, id.GetHashCode(StringComparison.Ordinal) & 0xffff);
            using var content = batch.Next(options.ScaleUnits).Content();
            (await target.Http.PostAsync($"/api/incidents/{id}/reports", content, ct)).EnsureSuccessStatusCode();
            if (Interlocked.Increment(ref opened) % 100 == 0)
            {
                Console.WriteLine($"  {opened:N0} incidents open, host resident {host.ResidentBytes / 1048576.0:N0} MiB");
            }
        });

        // Let the last reports fold and the incidents settle into quiet before measuring.
        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
        var quietCore = await CoreShareAsync(host, quiet);
        var loadedBytes = host.ResidentBytes;
        var units = (long)options.ScaleIncidents * options.ScaleUnits;
        var added = Math.Max(0, loadedBytes - emptyBytes);
        Console.WriteLine(
            $"scale, {options.ScaleIncidents:N0} quiet incidents of {options.ScaleUnits} units ({units:N0} units): host resident {loadedBytes / 1048576.0:N0} MiB " +
            $"(empty {emptyBytes / 1048576.0:N0} MiB): {added / (double)options.ScaleIncidents / 1024:N0} KiB per incident, {added / (double)units / 1024:N1} KiB per unit; " +
            $"quiet CPU {quietCore:P1} of a core (empty host {emptyCore:P1}) over {quiet.TotalSeconds:N0} s");
    }

    private static async Task<double> CoreShareAsync(HostProcess host, TimeSpan window)
    {
        var before = host.Cpu;
        await Task.Delay(window);
        return (host.Cpu - before) / window;
    }
}
