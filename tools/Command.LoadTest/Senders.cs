using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Command.LoadTest;

/// <summary>Posts report batches: as fast as answers come back (a ceiling), or at a fixed rate (a latency run).</summary>
public static class Senders
{
    public static Task<ClosedLoopResult> ClosedLoopAsync(HttpClient http, IReadOnlyList<ReportBatch> batches, string pathFormat, int units, TimeSpan duration) =>
        ClosedLoopAsync(_ => http, batches, pathFormat, units, duration);

    /// <summary>One sender per batch, each posting through the host <paramref name="route"/> gives for its index.</summary>
    public static async Task<ClosedLoopResult> ClosedLoopAsync(Func<int, HttpClient> route, IReadOnlyList<ReportBatch> batches, string pathFormat, int units, TimeSpan duration)
    {
        long rejected = 0;
        var acceptedByBatch = new long[batches.Count];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(batches.Select(async (batch, i) =>
        {
            var http = route(i);
            while (watch.Elapsed < duration)
            {
                var (a, r) = await PostAsync(http, string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, batch.IncidentId), batch.Next(units));
                acceptedByBatch[i] += a;
                Interlocked.Add(ref rejected, r);
            }
        }));
        return new ClosedLoopResult(acceptedByBatch.Sum(), rejected, watch.Elapsed.TotalSeconds, acceptedByBatch);
    }

    /// <summary>Posts at a steady rate; also gives each post's round trip, milliseconds, sorted.</summary>
    public static async Task<(long Accepted, long Rejected, double Seconds, List<double> RoundTripsMs)> OpenLoopAsync(HttpClient http, IReadOnlyList<ReportBatch> batches, int rate, TimeSpan duration)
    {
        long accepted = 0, rejected = 0;
        var roundTrips = new List<double>();
        var interval = TimeSpan.FromMilliseconds(100);
        var perBatch = Math.Max(1, rate / 10 / batches.Count);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(batches.Select(async batch =>
        {
            using var timer = new PeriodicTimer(interval);
            var inFlight = new List<Task>();
            while (watch.Elapsed < duration && await timer.WaitForNextTickAsync())
            {
                inFlight.Add(Task.Run(async () =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var (a, r) = await PostAsync(http, $"/api/incidents/{batch.IncidentId}/reports", batch.Next(perBatch));
                    var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    Interlocked.Add(ref accepted, a);
                    Interlocked.Add(ref rejected, r);
                    lock (roundTrips)
                    {
                        roundTrips.Add(took);
                    }
                }));
            }

            await Task.WhenAll(inFlight);
        }));
        roundTrips.Sort();
        return (accepted, rejected, watch.Elapsed.TotalSeconds, roundTrips);
    }

    private static async Task<(long Accepted, long Rejected)> PostAsync(HttpClient http, string path, ByteArrayContentWithCount batch)
    {
        using var response = await http.PostAsync(path, batch.Content());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var accepted = body.TryGetProperty("accepted", out var a) ? a.GetInt64() : 0;
        return (accepted, batch.Count - accepted);
    }
}

/// <summary>What a closed-loop run got back: reports accepted and refused over how long, and what each sender had accepted.</summary>
public sealed record ClosedLoopResult(long Accepted, long Rejected, double Seconds, IReadOnlyList<long> AcceptedByBatch);
