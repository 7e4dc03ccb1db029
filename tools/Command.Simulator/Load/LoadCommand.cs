using System.Diagnostics;
using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Simulation.Wire;
using Command.Simulator.Api;

namespace Command.Simulator.Load;

/// <summary>load: N incidents × M units at R reports/s in total for S seconds, batched, several requests in flight.</summary>
internal static class LoadCommand
{
    private const int MaxBatch = 500;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly GeoPoint Origin = new(38.6517, -98.4306);

    public static async Task<int> RunAsync(LoadArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var (url, incidents, units, rate, duration, concurrency) = arguments;

        if (ApiHttp.TokenFromEnvironment() is not { } token)
        {
            await Console.Error.WriteLineAsync(ApiHttp.MissingToken);
            return 2;
        }

        using var http = ApiHttp.Create(url, token);
        var api = new CommandApiClient(http);
        var frame = new LocalFrame(Origin);
        var site = new Site("Load test field", Origin, [], []);
        var ids = Enumerable.Range(1, incidents).Select(i => $"load-{i}").ToList();
        foreach (var id in ids)
        {
            await api.CreateIncidentAsync(new CreateIncidentBody(id, $"Load test {id}", true, ApiMapping.ToSite(site)), cancellationToken);
        }

        // Each unit reports every N·M/R seconds, phases spread evenly so the total rate is smooth.
        var interval = TimeSpan.FromSeconds(incidents * units / rate);
        var time = TimeProvider.System;
        var start = time.GetUtcNow();
        var fleet = ids.Select((id, k) => Enumerable.Range(0, units).Select(u => new LoadUnit(
            $"{id}-u{u}", frame, new LocalPoint(100 * (u % 20), 100 * (u / 20)), start + (interval * ((double)((k * units) + u) / (incidents * units))), interval)).ToList()).ToList();

        await output.WriteLineAsync($"Loading {url}: {incidents} incidents x {units} units, {rate} reports/s for {duration.TotalSeconds} s, {concurrency} requests in flight.");
        var tally = new ReportTally();
        var latencies = new Latencies();
        using var gate = new SemaphoreSlim(concurrency);
        var inFlight = new List<Task>();
        var began = time.GetTimestamp();
        using var ticker = new PeriodicTimer(Tick, time);
        try
        {
            while (time.GetElapsedTime(began) < duration && await ticker.WaitForNextTickAsync(cancellationToken))
            {
                var now = time.GetUtcNow();
                for (var k = 0; k < ids.Count; k++)
                {
                    var due = fleet[k].SelectMany(u => Due(u, now)).OrderBy(r => r.FixTime).Select(ApiMapping.ToReport).ToList();
                    foreach (var batch in due.Chunk(MaxBatch))
                    {
                        // Waiting here is the back-pressure: if the host cannot keep up, the achieved rate shows it.
                        await gate.WaitAsync(cancellationToken);
                        inFlight.Add(SendAsync(api, ids[k], batch, tally, latencies, gate));
                    }
                }

                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync("Stopped early; reporting what was sent.");
        }

        await Task.WhenAll(inFlight);
        var elapsed = time.GetElapsedTime(began).TotalSeconds;
        var sent = tally.Read().Sent;
        await output.WriteLineAsync($"Sent {sent} reports in {elapsed:F1} s: {sent / elapsed:F0} reports/s achieved (target {rate}).");
        await output.WriteLineAsync(tally.ToString());
        await output.WriteLineAsync(latencies.Describe());
        return tally.Read().FailedPosts > 0 ? 1 : 0;
    }

    private static IEnumerable<Command.Domain.Reports.PositionReport> Due(LoadUnit unit, DateTimeOffset now)
    {
        while (unit.NextFix <= now)
        {
            yield return unit.TakeFix();
        }
    }

    /// <summary>Posts one batch. Requests already in flight are let finish when the run stops, so their outcome counts.</summary>
    private static async Task SendAsync(CommandApiClient api, string incidentId, ReportBody[] batch, ReportTally tally, Latencies latencies, SemaphoreSlim gate)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            tally.Add(batch.Length, await api.PostReportsAsync(incidentId, new ReportsBody(batch), CancellationToken.None));
            latencies.Add(Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Counted and reported with the first failure's message, and the exit code says some POSTs failed:
            // one failure must not end a load test.
            tally.Failed(batch.Length, e.Message);
        }
        finally
        {
            gate.Release();
        }
    }
}
