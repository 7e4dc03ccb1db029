using System.Net;
using System.Net.Sockets;
using Command.Domain.Validation;
using Command.Ingest.Kiss;
using Command.Ingest.Listeners;
using Command.Ingest.Tests.Kiss;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Ingest.Tests.Listeners;

/// <summary>A KISS TNC on the network (Dire Wolf's KISS TCP port), connected to for what its radio hears.</summary>
public sealed class KissTncClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task Packets_the_tnc_hears_reach_the_incident_and_a_dropped_connection_is_made_again()
    {
        using var tnc = new TcpListener(IPAddress.Loopback, 0);
        tnc.Start();
        var (rig, tries) = await SourceTries.StartKissAsync(((IPEndPoint)tnc.LocalEndpoint).Port, new() { ["Ingest:Aprs:Kiss:MaxFrameBytes"] = "128" });
        await using var _ = rig;

        using (var first = await tnc.AcceptTcpClientAsync(Ct))
        {
            // A position, and the copy a digipeater sent of it; a connected-mode frame another station sent; a frame past
            // the limit; a position split in two.
            var connected = Ax25Frames.Ui("W1XYZ", "K1ABC", "hello");
            connected[14] = 0x10;
            var copy = Ax25Frames.Kiss(Ax25Frames.Ui("K1ABC-9", "APRS", "!3944.35N/10459.42W>", "W1XYZ-3*", "WIDE1*"));
            var split = Ax25Frames.Position("N0CALL-7", "=3944.40N/10459.50W>Engine 7");
            byte[] sent = [.. Ax25Frames.Position("K1ABC-9"), .. copy, .. Ax25Frames.Kiss(connected), .. Ax25Frames.Kiss(new byte[200]), .. split[..10]];
            await first.GetStream().WriteAsync(sent, Ct);
            await first.GetStream().FlushAsync(Ct);
            var early = await rig.Port.WaitForAsync(2);
            await first.GetStream().WriteAsync(split.AsMemory(10), Ct);
            var delivered = await rig.Port.WaitForAsync(3);

            Assert.Equal(["K1ABC-9", null, "N0CALL-7"], delivered.Select(d => d.Report?.UnitId));
            Assert.Equal((RejectReason.Oversized, "KISS frame is longer than the 128-byte limit"), (early[1].Refused?.Reason, early[1].Refused?.Detail));
            Assert.Equal((39.7392, -104.9903), (Math.Round(delivered[0].Report!.Position.Latitude, 4), Math.Round(delivered[0].Report!.Position.Longitude, 4)));

            // The connection holds long enough for its end to be the TNC going away, not an outage.
            rig.Clock.Advance(SourceClient.StableAfter);
        }

        // The TNC drops the connection; the client connects again after its shortest wait, on the ingest's clock.
        Assert.Equal(TimeSpan.FromSeconds(2), await tries.WaitingAsync());
        rig.Clock.Advance(TimeSpan.FromSeconds(2));
        using var second = await tnc.AcceptTcpClientAsync(Ct);
        await second.GetStream().WriteAsync(Ax25Frames.Position("K1ABC-9", "!3944.36N/10459.43W>"), Ct);
        var all = await rig.Port.WaitForAsync(4);

        Assert.Equal("K1ABC-9", all[3].Report?.UnitId);
        Assert.Equal(2, rig.Listener<KissTncClient>().Connections);
        Assert.Contains(rig.Log.Lines("KissTncClient"), l => l.Contains("closed the connection; connecting again", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_tnc_that_closes_each_connection_soon_after_it_speaks_is_tried_ever_more_slowly()
    {
        using var tnc = new TcpListener(IPAddress.Loopback, 0);
        tnc.Start();
        var port = ((IPEndPoint)tnc.LocalEndpoint).Port;
        var (rig, tries) = await SourceTries.StartKissAsync(port);
        await using var _ = rig;

        // Three connections, each sent a frame and closed 5 s after it was made.
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            using (var connection = await tnc.AcceptTcpClientAsync(Ct))
            {
                await connection.GetStream().WriteAsync(Ax25Frames.Position("K1ABC-9", $"!3944.3{i}N/10459.42W>"), Ct);
                await rig.Port.WaitForAsync(i + 1);
                rig.Clock.Advance(TimeSpan.FromSeconds(5));
            }

            waits.Add(await tries.WaitingAsync());
            rig.Clock.Advance(waits[^1]);
        }

        Assert.Equal([2, 4, 8], waits.Select(w => w.TotalSeconds));
        Assert.Equal(
            [
                $"Connected to the KISS TNC at 127.0.0.1:{port}: taking the APRS packets its radio hears",
                $"Cannot reach the KISS TNC at 127.0.0.1:{port} (it closed the connection 5 s after it was made); trying again in 2 s, then ever less often, and saying so once it sends again",
                $"Connected to the KISS TNC at 127.0.0.1:{port}: taking the APRS packets its radio hears",
                $"Cannot reach the KISS TNC at 127.0.0.1:{port} (it closed the connection 5 s after it was made); trying again in 4 s, then ever less often, and saying so once it sends again",
                $"Connected to the KISS TNC at 127.0.0.1:{port}: taking the APRS packets its radio hears",
                $"Cannot reach the KISS TNC at 127.0.0.1:{port} (it closed the connection 5 s after it was made); trying again in 8 s, then ever less often, and saying so once it sends again",
            ],
            rig.Log.Lines("KissTncClient"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_tnc_that_cannot_be_reached_is_said_once_and_once_more_when_it_sends()
    {
        var free = new TcpListener(IPAddress.Loopback, 0);
        free.Start();
        var port = ((IPEndPoint)free.LocalEndpoint).Port;
        free.Stop();
        var (rig, tries) = await SourceTries.StartKissAsync(port, new() { ["Ingest:Aprs:Kiss:ReconnectAfter"] = "00:00:01", ["Ingest:Aprs:Kiss:MostReconnectAfter"] = "00:00:04" });
        await using var _ = rig;
        IReadOnlyList<string> Said() => rig.Log.Lines("KissTncClient");

        // Ten tries, each refused at once, waiting 1, 2, then 4 s between them.
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            var wait = await tries.WaitingAsync();
            waits.Add(wait);
            rig.Clock.Advance(wait);
        }

        using var tnc = new TcpListener(IPAddress.Loopback, port);
        tnc.Start();
        await tries.WaitOutAsync(rig);
        using var connection = await tnc.AcceptTcpClientAsync(Ct);
        await connection.GetStream().WriteAsync(Ax25Frames.Position("K1ABC-9"), Ct);
        await rig.Port.WaitForAsync(1);

        Assert.Equal([1, 2, 4, 4, 4, 4, 4, 4, 4, 4], waits.Select(w => w.TotalSeconds));
        Assert.Single(Said(), l => l.StartsWith($"Cannot reach the KISS TNC at 127.0.0.1:{port}", StringComparison.Ordinal));
        Assert.Equal($"Connected to the KISS TNC at 127.0.0.1:{port}: taking the APRS packets its radio hears", Said()[^1]);
        Assert.Equal(2, Said().Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_tnc_that_takes_no_connection_is_given_up_on_after_the_connect_timeout()
    {
        // A TNC whose queue of connections is full: it answers no new one, and a connect waits.
        using var tnc = new TcpListener(IPAddress.Loopback, 0);
        tnc.Start(0);
        var port = ((IPEndPoint)tnc.LocalEndpoint).Port;
        using var first = new TcpClient();
        await first.ConnectAsync(IPAddress.Loopback, port, Ct);
        var (rig, tries) = await SourceTries.StartKissAsync(port);
        await using var _ = rig;
        IReadOnlyList<string> Said() => rig.Log.Lines("KissTncClient");

        await tries.ConnectingAsync();
        rig.Clock.Advance(SourceClient.ConnectTimeout);
        await tries.WaitingAsync();

        Assert.Equal([$"Cannot reach the KISS TNC at 127.0.0.1:{port} (no answer in 10 s); trying again in 2 s, then ever less often, and saying so once it sends again"], Said());
    }
}
