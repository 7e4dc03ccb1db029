using System.Net.Http.Json;

namespace Command.LoadTest;

/// <summary>
/// Drives reports through the whole pipeline (HTTP ingest → incident grains → assessment → recording → coalesced
/// push) while headless SignalR clients measure report-to-frame latency and frames per second, and measures the
/// same path with a grain that does nothing, so the cost of the work shows against a bare grain call. With --cluster,
/// or --only failover, it measures a local cluster instead (<see cref="ClusterRun"/>, <see cref="FailoverRun"/>).
/// </summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        if (options.Cluster is not null)
        {
            await ClusterRun.RunAsync(options, run);
            return 0;
        }

        if (options.Runs("failover"))
        {
            await FailoverRun.RunAsync(options, run);
            return 0;
        }

        var duration = TimeSpan.FromSeconds(options.Seconds);
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
        Console.WriteLine($"Loading {options.Url?.ToString() ?? "a fresh Release host per phase"} for {options.Seconds} s per phase, after {options.WarmupSeconds} s of warm-up, on {Environment.ProcessorCount} cores");
        double? bareRate = null;

        // 1. A bare grain call, made the same way: same batches, same HTTP path shape, same parsing.
        if (options.Runs("bare"))
        {
            await using var target = await LoadTarget.OpenAsync(options);
            var (http, cpu) = (target.Http, target.Cpu);
            var probes = Enumerable.Range(0, options.Incidents).Select(i => new ReportBatch($"probe-{i}", options.Units, i)).ToList();
            await Senders.ClosedLoopAsync(http, probes, "/api/probe/{0}/reports", options.Units, warmup);
            cpu.Restart();
            var bare = await Senders.ClosedLoopAsync(http, probes, "/api/probe/{0}/reports", options.Units, duration);
            bareRate = bare.Accepted / bare.Seconds;
            Console.WriteLine($"bare grain call ceiling:            {bareRate,10:N0} reports/s ({bareRate / options.Units:N0} grain calls/s of {options.Units} reports); {cpu.PerReport(bare.Accepted)}");
        }

        // 2. The end-to-end ceiling with browsers connected.
        if (options.Runs("ceiling"))
        {
            await using var target = await LoadTarget.OpenAsync(options);
            var (url, http, cpu) = (target.Url, target.Http, target.Cpu);
            var ceilingIncidents = await OpenIncidentsAsync(http, $"ceiling-{run}", options.Incidents);
            var ceilingClients = await JoinAsync(url, target.Token, ceilingIncidents, options.CeilingClients);
            var batches = ceilingIncidents.Select((id, i) => new ReportBatch(id, options.Units, i)).ToList();
            await Senders.ClosedLoopAsync(http, batches, "/api/incidents/{0}/reports", options.Units, warmup);
            Measure(ceilingClients, true);
            cpu.Restart();
            var e2e = await Senders.ClosedLoopAsync(http, batches, "/api/incidents/{0}/reports", options.Units, duration);
            Measure(ceilingClients, false);
            var e2eRate = e2e.Accepted / e2e.Seconds;
            Console.WriteLine($"end-to-end ceiling, {options.CeilingClients} clients:     {e2eRate,10:N0} reports/s accepted ({e2e.Rejected:N0} refused); {FrameRates(ceilingClients)}; {cpu.PerReport(e2e.Accepted)}");
            if (bareRate is { } bareCeiling)
            {
                Console.WriteLine($"end-to-end / bare grain call:       {e2eRate / bareCeiling,10:P0}");
            }

            await DisposeAllAsync(ceilingClients);
        }

        // 3. Latency at a steady offered rate with more browsers.
        if (options.Runs("latency"))
        {
            await using var target = await LoadTarget.OpenAsync(options);
            var (url, http, cpu) = (target.Url, target.Http, target.Cpu);
            var latencyIncidents = await OpenIncidentsAsync(http, $"latency-{run}", 10);
            var latencyClients = await JoinAsync(url, target.Token, latencyIncidents, options.LatencyClients);
            var latencyBatches = latencyIncidents.Select((id, i) => new ReportBatch(id, Math.Max(1, options.LatencyRate / 100), i)).ToList();
            await Senders.OpenLoopAsync(http, latencyBatches, options.LatencyRate, warmup);
            Measure(latencyClients, true);
            cpu.Restart();
            var steady = await Senders.OpenLoopAsync(http, latencyBatches, options.LatencyRate, duration);
            await Task.Delay(500);
            Measure(latencyClients, false);
            var latencies = latencyClients.SelectMany(c => c.Latencies()).Order().ToList();
            Console.WriteLine($"latency at {options.LatencyRate:N0} reports/s, {options.LatencyClients} clients: achieved {steady.Accepted / steady.Seconds:N0} reports/s ({steady.Rejected:N0} refused); " +
                $"report-to-frame p50 {Percentile(latencies, 0.50):N0} ms, p99 {Percentile(latencies, 0.99):N0} ms, max {(latencies.Count > 0 ? latencies[^1] : 0):N0} ms over {latencies.Count:N0} fixes; " +
                $"post round trip p50 {Percentile(steady.RoundTripsMs, 0.50):N0} ms, p99 {Percentile(steady.RoundTripsMs, 0.99):N0} ms; {FrameRates(latencyClients)}; {cpu.PerReport(steady.Accepted)}");
            await DisposeAllAsync(latencyClients);
        }

        // 4. Scale: memory per incident and per unit, and the CPU quiet incidents take, on a fresh host only.
        if (options.Runs("scale"))
        {
            await ScaleRun.RunAsync(options, run);
        }

        return 0;
    }

    internal static async Task<List<string>> OpenIncidentsAsync(HttpClient http, string prefix, int count, string? named = null)
    {
        var ids = named is not null ? [named] : Enumerable.Range(0, count).Select(i => $"{prefix}-{i}").ToList();
        foreach (var id in ids)
        {
            var site = new { name = "Load site", origin = new { lat = 44.0, lon = -100.0 } };
            (await http.PostAsJsonAsync("/api/incidents", new { id, name = id, autoEnrol = true, site })).EnsureSuccessStatusCode();
            (await http.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = 44.001, lon = -100.0, uncertaintyM = 10, phase = "active" })).EnsureSuccessStatusCode();
        }

        return ids;
    }

    private static async Task<List<FrameListener>> JoinAsync(Uri url, string token, List<string> incidents, int clients) =>
        [.. await Task.WhenAll(Enumerable.Range(0, clients).Select(i => FrameListener.JoinAsync(url, token, incidents[i % incidents.Count])))];

    internal static void Measure(List<FrameListener> clients, bool on) => clients.ForEach(c => c.Measure(on));

    internal static string FrameRates(List<FrameListener> clients) =>
        $"frames per client per second avg {clients.Average(c => c.FramesPerSecond):N1}, max {clients.Max(c => c.FramesPerSecond):N1}";

    internal static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    internal static async Task DisposeAllAsync(List<FrameListener> clients)
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
