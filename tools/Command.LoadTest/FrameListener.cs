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
        connection.On<FrameTimes>("frame", Receive);
    }

    public int Frames => frames;

    public static async Task<FrameListener> JoinAsync(Uri url, string incidentId)
    {
        var listener = new FrameListener(url);
        await listener.connection.StartAsync();
        await listener.connection.InvokeAsync<FrameTimes>("Join", incidentId);
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

    private void Receive(FrameTimes frame)
    {
        var now = DateTimeOffset.UtcNow;
        lock (sync)
        {
            if (!measuring)
            {
                return;
            }

            frames++;
            foreach (var unit in frame.Units ?? [])
            {
                if (unit.LastFix?.FixTime is { } time)
                {
                    latenciesMs.Add((now - time).TotalMilliseconds);
                }
            }
        }
    }

    // Only what the measurement reads: the rest of a frame is skipped while it is parsed, as a browser would
    // skip what it does not draw, so the clients cost this machine as little as they can.
    private sealed record FrameTimes(List<UnitTimes>? Units);

    private sealed record UnitTimes(FixTimes? LastFix);

    private sealed record FixTimes(DateTimeOffset? FixTime);
}
