using System.Net;
using System.Net.Sockets;
using System.Text;
using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Listeners;

namespace Command.Ingest.Tests.Listeners;

/// <summary>An APRS-IS server Command logs in to, receive only, for what iGates heard from the trackers its filter names.</summary>
public sealed class AprsIsClientTests
{
    private const string Section = "Ingest:Aprs:AprsIs";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(IngestRig Rig, SourceTries Tries)> StartAsync(int port, Dictionary<string, string?>? settings = null) =>
        SourceTries.StartAsync<AprsIsClient>(Section, port, new Dictionary<string, string?>(settings ?? [])
        {
            [$"{Section}:Login"] = "N0CALL-10",
            [$"{Section}:Filter"] = "b/K1ABC-9/N0CALL-7",
        });

    [Fact(Timeout = 30_000)]
    public async Task It_logs_in_with_its_filter_and_takes_the_packets_the_server_sends()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var (rig, _) = await StartAsync(((IPEndPoint)server.LocalEndpoint).Port, new() { [$"{Section}:MaxLineBytes"] = "128" });
        await using var _ = rig;
        using var connection = await server.AcceptTcpClientAsync(Ct);
        var stream = connection.GetStream();
        await SendAsync(stream, "# aprsc 2.1.19-g730c5c0\r\n");
        var logIn = await new StreamReader(stream, Encoding.ASCII).ReadLineAsync(Ct);

        // Its answer, a packet an iGate heard, a keepalive, a line past the limit, and a packet split across writes.
        await SendAsync(stream, "# logresp N0CALL-10 unverified, server T2TEST\r\nK1ABC-9>APRS,WIDE1-1,qAR,W1XYZ-10:!3944.35N/10459.42W>\r\n"
            + "# aprsc 2.1.19-g730c5c0 4 Dec 2026 12:00:00 GMT T2TEST 10.0.0.1:14580\r\n" + new string('x', 200) + "\r\nN0CALL-7>APRS,TCPIP*,qAC,");
        var early = await rig.Port.WaitForAsync(2);
        await SendAsync(stream, "T2TEST:=3944.40N/10459.50W>Engine 7\r\n");
        var delivered = await rig.Port.WaitForAsync(3);

        Assert.Equal("user N0CALL-10 pass -1 vers Command 1.0 filter b/K1ABC-9/N0CALL-7", logIn);
        Assert.Equal(["K1ABC-9", null, "N0CALL-7"], delivered.Select(d => d.Report?.UnitId));
        Assert.Equal((RejectReason.Oversized, "APRS-IS line is longer than the 128-byte limit"), (early[1].Refused?.Reason, early[1].Refused?.Detail));
        Assert.Equal((39.7392, -104.9903), (Math.Round(delivered[0].Report!.Position.Latitude, 4), Math.Round(delivered[0].Report!.Position.Longitude, 4)));
        Assert.All(delivered, d => Assert.Equal(UnknownUnitPolicy.Refuse, d.Policy));
        Assert.Equal(
            [
                $"Connected to the APRS-IS server at 127.0.0.1:{((IPEndPoint)server.LocalEndpoint).Port}: taking the packets of filter b/K1ABC-9/N0CALL-7",
                $"The APRS-IS server at 127.0.0.1:{((IPEndPoint)server.LocalEndpoint).Port} answered the log-in: logresp N0CALL-10 unverified, server T2TEST",
            ],
            rig.Log.Lines("AprsIsClient"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_that_falls_silent_past_its_timeout_is_taken_as_gone_and_connected_to_again()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var (rig, tries) = await StartAsync(port, new() { [$"{Section}:SilenceTimeout"] = "00:01:00" });
        await using var _ = rig;
        using var first = await server.AcceptTcpClientAsync(Ct);
        await SendAsync(first.GetStream(), "# aprsc 2.1.19-g730c5c0\r\n");
        await new StreamReader(first.GetStream(), Encoding.ASCII).ReadLineAsync(Ct);

        // What it sends 50 s in, and 50 s after that, keeps the connection: each is taken.
        rig.Clock.Advance(TimeSpan.FromSeconds(50));
        await SendAsync(first.GetStream(), "# aprsc 2.1.19-g730c5c0 4 Dec 2026 12:00:50 GMT T2TEST 10.0.0.1:14580\r\nK1ABC-9>APRS,qAR,W1XYZ-10:!3944.35N/10459.42W>\r\n");
        await rig.Port.WaitForAsync(1);
        rig.Clock.Advance(TimeSpan.FromSeconds(50));
        await SendAsync(first.GetStream(), "K1ABC-9>APRS,qAR,W1XYZ-10:!3944.36N/10459.42W>\r\n");
        await rig.Port.WaitForAsync(2);

        // Nothing for a minute after that, not even a keepalive: the server is taken as gone.
        rig.Clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(0, await first.GetStream().ReadAsync(new byte[1], Ct));
        await tries.WaitOutAsync(rig);
        using var second = await server.AcceptTcpClientAsync(Ct);
        Assert.Equal($"Cannot reach the APRS-IS server at 127.0.0.1:{port} (it sent nothing for 60 s, not even its keepalive); trying again in 2 s, then ever less often, and saying so once it sends again",
            rig.Log.Lines("AprsIsClient")[^1]);
    }

    private static async Task SendAsync(NetworkStream stream, string text)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), Ct);
        await stream.FlushAsync(Ct);
    }
}
