using System.Net.Http.Json;
using System.Text.Json;

namespace Command.LoadTest;

/// <summary>
/// Posts one small batch of an incident's units every tick, round robin through the hosts it is told to use, as a
/// load balancer in front of them would; it does not wait for an answer before the next tick, so a post that hangs on
/// a dead silo holds nothing back. Counts the reports acknowledged and refused, and the posts that failed or timed out.
/// </summary>
public sealed class PacedSender : IAsyncDisposable
{
    private readonly ReportBatch batch;
    private readonly int units;
    private readonly IReadOnlyList<HttpClient> clients;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> inFlight = [];
    private readonly Task sending;
    private int[] through;
    private long acknowledged;
    private long refused;
    private long failed;

    /// <param name="clients">One client per host, host 1 first.</param>
    public PacedSender(ReportBatch batch, int units, TimeSpan every, IReadOnlyList<HttpClient> clients)
    {
        (this.batch, this.units, this.clients) = (batch, units, clients);
        through = [.. Enumerable.Range(0, clients.Count)];
        sending = Task.Run(() => SendAsync(every));
    }

    public long Acknowledged => Interlocked.Read(ref acknowledged);

    public long Refused => Interlocked.Read(ref refused);

    public long Failed => Interlocked.Read(ref failed);

    /// <summary>From the next tick on, posts only through these hosts (0 is host 1).</summary>
    public void Through(IEnumerable<int> hosts) => Volatile.Write(ref through, [.. hosts]);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(inFlight);
        stopping.Dispose();
    }

    private async Task SendAsync(TimeSpan every)
    {
        using var timer = new PeriodicTimer(every);
        var tick = 0;
        while (await timer.WaitForNextTickAsync(stopping.Token))
        {
            var hosts = Volatile.Read(ref through);
            inFlight.Add(PostAsync(clients[hosts[tick++ % hosts.Length]], batch.Next(units)));
            inFlight.RemoveAll(t => t.IsCompleted);
        }
    }

    private async Task PostAsync(HttpClient http, ByteArrayContentWithCount reports)
    {
        try
        {
            using var response = await http.PostAsync($"/api/incidents/{batch.IncidentId}/reports", reports.Content());
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failed);
                return;
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var accepted = body.TryGetProperty("accepted", out var a) ? a.GetInt64() : 0;
            Interlocked.Add(ref acknowledged, accepted);
            Interlocked.Add(ref refused, reports.Count - accepted);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // A host that died with the post, or a call that waited on a dead silo past the client's timeout.
            Interlocked.Increment(ref failed);
        }
    }
}
