using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Command.Faults.Tests.Support;

/// <summary>
/// A steady load of position reports through the JSON API, one batch in flight, keeping count of every report the
/// hosts acknowledged. A batch that got no answer (the host died, or answered 5xx) is sent again before anything
/// newer, as a radio gateway would; what was already recorded of it then comes back as a duplicate, which counts as
/// acknowledged too. Given several hosts, batches take turns among them, as behind a load balancer, and a batch
/// sent again goes to the next.
/// </summary>
/// <param name="connect">A client of one host, presenting the credential the hosts take.</param>
public sealed class ReportSender(string incidentId, int units, TimeSpan pace, Func<Uri, HttpClient> connect) : IAsyncDisposable
{
    private readonly HashSet<(string Unit, long Ticks)> acknowledged = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> waiters = [];
    private readonly CancellationTokenSource stopping = new();
    private HttpClient[] clients = [];
    private int turn;
    private Task? loop;
    private object[]? unanswered;
    private long sent;

    /// <summary>Reports the host said it holds.</summary>
    public IReadOnlyCollection<(string Unit, long Ticks)> Acknowledged
    {
        get
        {
            lock (acknowledged)
            {
                return [.. acknowledged];
            }
        }
    }

    public int AcknowledgedCount
    {
        get
        {
            lock (acknowledged)
            {
                return acknowledged.Count;
            }
        }
    }

    /// <summary>Batches that got no answer and were sent again.</summary>
    public int Retried { get; private set; }

    /// <summary>Starts sending to these hosts, in turn (or switches to others, after a restart or a failure).</summary>
    public void SendTo(params Uri[] hosts)
    {
        var previous = clients;
        clients = [.. hosts.Select(connect)];
        foreach (var old in previous)
        {
            old.Dispose();
        }

        loop ??= RunAsync(stopping.Token);
    }

    /// <summary>Completes once this many reports (in all) have been acknowledged.</summary>
    public Task WhenAcknowledgedAsync(int count)
    {
        lock (acknowledged)
        {
            if (acknowledged.Count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, reached));
            return reached.Task;
        }
    }

    /// <summary>Stops once the batch in flight (and any unanswered one) has an answer.</summary>
    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var client in clients)
        {
            client.Dispose();
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested || unanswered is not null)
        {
            var batch = unanswered ?? NextBatch();
            var answered = await TrySendAsync(batch);
            unanswered = answered ? null : batch;
            if (!answered)
            {
                Retried++;
                if (cancellationToken.IsCancellationRequested)
                {
                    // Stopping with no host to answer: what it did not answer was never acknowledged.
                    return;
                }
            }

            try
            {
                await Task.Delay(pace, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping: one more round for an unanswered batch, if any.
            }
        }
    }

    private object[] NextBatch()
    {
        // Every report a distinct, rising fix time: milliseconds apart, and a whole tick of the pace per batch.
        var now = DateTimeOffset.UtcNow;
        var batch = new object[units];
        for (var u = 0; u < units; u++)
        {
            var metres = 0.00001 * ((sent % 50) - 25);
            batch[u] = new { unitId = $"U{u:D3}", fixTime = now.AddMilliseconds(u), lat = 44.0 - 0.0005 + metres, lon = -100.0 + (u * 0.0001), accuracyM = 5.0 };
        }

        sent++;
        return batch;
    }

    private async Task<bool> TrySendAsync(object[] batch)
    {
        var hosts = clients;
        if (hosts.Length == 0)
        {
            return false;
        }

        var http = hosts[turn++ % hosts.Length];

        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync($"/api/incidents/{incidentId}/reports", new { reports = batch });
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }

        using (response)
        {
            if ((int)response.StatusCode >= 500)
            {
                return false;
            }

            var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            var refused = answer.TryGetProperty("rejected", out var rejected)
                ? rejected.EnumerateArray().ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("reason").GetString())
                : [];
            lock (acknowledged)
            {
                for (var i = 0; i < batch.Length; i++)
                {
                    // A duplicate is a report an earlier, unanswered try already put in the recording.
                    if (!refused.TryGetValue(i, out var reason) || reason == "duplicate")
                    {
                        var report = JsonSerializer.SerializeToElement(batch[i]);
                        acknowledged.Add((report.GetProperty("unitId").GetString()!, report.GetProperty("fixTime").GetDateTimeOffset().UtcTicks));
                    }
                }

                foreach (var waiter in waiters.Where(w => acknowledged.Count >= w.Count).ToList())
                {
                    waiters.Remove(waiter);
                    waiter.Reached.TrySetResult();
                }
            }

            return true;
        }
    }
}
