using System.Net.Http.Json;

namespace Command.BrowserBench;

/// <summary>Posts every unit's fix once a second through the JSON API, a tenth of the units every 100 ms.</summary>
internal sealed class ReportPump(HttpClient http, BenchDrill drill)
{
    private long sent;
    private long measuredFrom;

    /// <summary>Reports the host has accepted since <see cref="Restart"/>.</summary>
    public long Sent => Interlocked.Read(ref sent) - Interlocked.Read(ref measuredFrom);

    public void Restart() => Interlocked.Exchange(ref measuredFrom, Interlocked.Read(ref sent));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / BenchDrill.Slices));
        var slice = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var reports = drill.Reports(slice, DateTimeOffset.UtcNow);
                var response = await http.PostAsJsonAsync($"/api/incidents/{drill.IncidentId}/reports", new { reports }, cancellationToken);
                response.EnsureSuccessStatusCode();
                Interlocked.Add(ref sent, reports.Length);
                slice = (slice + 1) % BenchDrill.Slices;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The measurement is over.
        }
    }
}
