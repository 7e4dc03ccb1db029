using System.Buffers.Text;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Command.LoadTest;

/// <summary>
/// A headless browser: joins one incident over SignalR's JSON protocol on a WebSocket, counts frames and measures
/// report-to-frame latency from each unit's fix time, and notes the incident sequence each frame shows and when it
/// came. It speaks the protocol itself and reads only the sequence and the fix times out of a frame: the general
/// client parsed every frame into objects and cost this machine more than the host did, while a browser on its own
/// machine costs the host nothing of the kind.
/// </summary>
public sealed class FrameListener : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] FrameStart = "{\"type\":1,\"target\":\"frame\""u8.ToArray();
    private static readonly byte[] FixTime = "\"fixTime\":"u8.ToArray();
    // The frame's own sequence is its second property, after the incident id: the first one found.
    private static readonly byte[] SequenceField = "\"sequence\":"u8.ToArray();
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket socket = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly List<double> latenciesMs = [];
    private readonly Lock sync = new();
    private Task receiving = Task.CompletedTask;
    private Task pinging = Task.CompletedTask;
    private bool measuring;
    private int frames;
    private long measureStart;
    private long measureStop;

    public int Frames => frames;

    /// <summary>The incident sequence this listener's frames have shown, whether it measures or not.</summary>
    public ShownSequence Sequence { get; } = new();

    /// <summary>Frames over the last measured window, per second of that window.</summary>
    public double FramesPerSecond => frames / Math.Max(1e-9, Stopwatch.GetElapsedTime(measureStart, measureStop).TotalSeconds);

    /// <summary>Connects presenting <paramref name="token"/>, as a non-browser client does, and joins the incident.</summary>
    public static async Task<FrameListener> JoinAsync(Uri url, string token, string incidentId)
    {
        var listener = new FrameListener();
        await listener.ConnectAsync(url, token, incidentId);
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
                measureStart = Stopwatch.GetTimestamp();
            }
            else
            {
                measureStop = Stopwatch.GetTimestamp();
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

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(receiving, pinging).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        socket.Dispose();
        stopping.Dispose();
    }

    private async Task ConnectAsync(Uri url, string bearer, string incidentId)
    {
        using var http = new HttpClient { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        socket.Options.SetRequestHeader("Authorization", $"Bearer {bearer}");
        using var negotiated = await http.PostAsync("/hubs/incidents/negotiate?negotiateVersion=1", null);
        negotiated.EnsureSuccessStatusCode();
        var token = (await negotiated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();
        var ws = new UriBuilder(url) { Scheme = url.Scheme == "https" ? "wss" : "ws", Path = "/hubs/incidents", Query = $"id={Uri.EscapeDataString(token!)}" };
        await socket.ConnectAsync(ws.Uri, stopping.Token);
        await SendAsync("{\"protocol\":\"json\",\"version\":1}");
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = "join", target = "Join", arguments = new[] { incidentId } }));
        receiving = Task.Run(ReceiveAsync);
        pinging = Task.Run(PingAsync);
    }

    private Task SendAsync(string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message + (char)RecordSeparator), WebSocketMessageType.Text, true, stopping.Token);

    private async Task PingAsync()
    {
        using var timer = new PeriodicTimer(PingEvery);
        while (await timer.WaitForNextTickAsync(stopping.Token))
        {
            await SendAsync("{\"type\":6}");
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        while (!stopping.IsCancellationRequested)
        {
            var result = await socket.ReceiveAsync(buffer, stopping.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            var received = buffer.AsSpan(0, result.Count);
            int separator;
            while ((separator = received.IndexOf(RecordSeparator)) >= 0)
            {
                message.Write(received[..separator]);
                Read(message.GetBuffer().AsSpan(0, (int)message.Length));
                message.SetLength(0);
                received = received[(separator + 1)..];
            }

            message.Write(received);
        }
    }

    private void Read(ReadOnlySpan<byte> message)
    {
        if (!message.StartsWith(FrameStart))
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var came = Stopwatch.GetTimestamp();
        var at = message.IndexOf(SequenceField);
        if (at < 0 || !Utf8Parser.TryParse(message[(at + SequenceField.Length)..], out long sequence, out _))
        {
            sequence = 0;
        }

        Sequence.Show(sequence, came);
        lock (sync)
        {
            if (!measuring)
            {
                return;
            }

            frames++;
            while ((at = message.IndexOf(FixTime)) >= 0)
            {
                message = message[(at + FixTime.Length)..];
                var end = message[1..].IndexOf((byte)'"') + 2;
                var reader = new Utf8JsonReader(message[..end]);
                reader.Read();
                latenciesMs.Add((now - reader.GetDateTimeOffset()).TotalMilliseconds);
                message = message[end..];
            }
        }
    }
}
