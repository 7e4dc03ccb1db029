using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Command.LoadTest;

/// <summary>A headless browser: joins one incident, counts frames and measures report-to-frame latency.</summary>
public sealed class FrameListener : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly List<double> latenciesMs = [];
    private readonly Lock sync = new();
    private bool measuring;
    private int frames;

    private FrameListener(Uri url)
    {
        connection = new HubConnectionBuilder().WithUrl(new Uri(url, "/hubs/incidents")).Build();
        connection.On<JsonElement>("frame", Receive);
    }

    public int Frames => frames;

    public static async Task<FrameListener> JoinAsync(Uri url, string incidentId)
    {
        var listener = new FrameListener(url);
        await listener.connection.StartAsync();
        await listener.connection.InvokeAsync<JsonElement>("Join", incidentId);
        return listener;
    }

    public void Measure(bool on)
    {
        lock (sync)
        {
            measuring = on;
            if (on)
            {
                frames = 0;
                latenciesMs.Clear();
            }
        }
    }

    public List<double> Latencies()
    {
        lock (sync)
        {
            return [.. latenciesMs];
        }
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    private void Receive(JsonElement frame)
    {
        var now = DateTimeOffset.UtcNow;
        lock (sync)
        {
            if (!measuring)
            {
                return;
            }

            frames++;
            foreach (var unit in frame.GetProperty("units").EnumerateArray())
            {
                if (unit.TryGetProperty("lastFix", out var fix) && fix.TryGetProperty("fixTime", out var time))
                {
                    latenciesMs.Add((now - time.GetDateTimeOffset()).TotalMilliseconds);
                }
            }
        }

        Debug.Assert(frames >= 0);
    }
}
