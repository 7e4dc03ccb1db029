using System.Net;
using System.Net.Sockets;
using System.Text;
using Command.Domain.Validation;
using Command.Fuzz;
using Command.Ingest.Kiss;
using Command.Ingest.Listeners;

namespace Command.Ingest.Tests.Listeners;

/// <summary>
/// A source Command connects out to that sends thousands of broken messages (seeded mutations of valid ones, as the
/// parser fuzzer makes them): the client keeps its one connection, every message is a report or a refusal with a named
/// reason, and a clean report sent after them all still lands.
/// </summary>
public sealed class HostileSourceTests
{
    private const int Count = 5_000;
    private const int Seed = 20261204;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task A_tak_server_sending_thousands_of_broken_events_keeps_its_connection_and_a_clean_one_lands()
    {
        using var server = Listen(out var port);
        var (rig, _) = await SourceTries.StartAsync<TakServerClient>("Ingest:Cot:TakServer", port, new() { ["Ingest:Cot:TakServer:Tls"] = "false" });
        await using var _ = rig;
        using var connection = await server.AcceptTcpClientAsync(Ct);
        await ListenerTests.ReadEventAsync(connection.GetStream());

        var mutator = new Mutator(Seeds.Cot, Seed);
        var stream = new StringBuilder(Seeds.Cot[0]);
        for (var i = 0; i < Count; i++)
        {
            stream.Append(mutator.Next());
        }

        await SendAsync(connection, stream.Append("</event>").Append(Clean.Cot("CLEAN-COT")).ToString());

        await ExpectAsync(rig, "CLEAN-COT", rig.Listener<TakServerClient>());
    }

    [Fact(Timeout = 60_000)]
    public async Task An_aprs_is_server_sending_thousands_of_broken_lines_keeps_its_connection_and_a_clean_one_lands()
    {
        using var server = Listen(out var port);
        var (rig, _) = await SourceTries.StartAsync<AprsIsClient>("Ingest:Aprs:AprsIs", port, new()
        {
            ["Ingest:Aprs:AprsIs:Login"] = "N0CALL",
            ["Ingest:Aprs:AprsIs:Filter"] = "r/39.74/-104.99/50",
            ["Ingest:Aprs:AprsIs:UnknownUnits"] = "Enrol",
        });
        await using var _ = rig;
        using var connection = await server.AcceptTcpClientAsync(Ct);

        var mutator = new Mutator(Seeds.Aprs, Seed);
        var stream = new StringBuilder("# aprsc 2.1.19-g730c5c0\r\n");
        for (var i = 0; i < Count; i++)
        {
            stream.Append(mutator.Next()).Append("\r\n");
        }

        await SendAsync(connection, stream.Append("CLEAN-9>APRS,qAR,W1XYZ-10:!3944.35N/10459.42W>\r\n").ToString());

        await ExpectAsync(rig, "CLEAN-9", rig.Listener<AprsIsClient>());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_tnc_sending_thousands_of_broken_frames_keeps_its_connection_and_a_clean_one_lands()
    {
        using var server = Listen(out var port);
        var (rig, _) = await SourceTries.StartKissAsync(port);
        await using var _ = rig;
        using var connection = await server.AcceptTcpClientAsync(Ct);

        var mutator = new Mutator([.. Seeds.Kiss.Select(b => Encoding.Latin1.GetString(b))], Seed);
        var stream = new List<byte>();
        for (var i = 0; i < Count; i++)
        {
            stream.AddRange(Encoding.Latin1.GetBytes(mutator.Next()));
        }

        // A frame's end, so that a frame the mutations left open does not swallow the clean one.
        stream.Add(KissDecoder.Fend);
        stream.AddRange(Kiss.Ax25Frames.Position("CLEAN-7"));
        await connection.GetStream().WriteAsync(stream.ToArray(), Ct);

        await ExpectAsync(rig, "CLEAN-7", rig.Listener<KissTncClient>());
    }

    private static TcpListener Listen(out int port)
    {
        var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        port = ((IPEndPoint)server.LocalEndpoint).Port;
        return server;
    }

    private static async Task SendAsync(TcpClient connection, string text)
    {
        await connection.GetStream().WriteAsync(Encoding.UTF8.GetBytes(text), Ct);
        await connection.GetStream().FlushAsync(Ct);
    }

    // The clean report lands on the client's one connection, and everything refused on the way says why.
    private static async Task ExpectAsync(IngestRig rig, string clean, SourceClient client)
    {
        var delivered = await rig.Port.WaitForUnitAsync(clean);
        var refused = delivered.Where(d => d.Refused is not null).Select(d => d.Refused!).ToList();

        Assert.Equal(1, client.Connections);
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.True(Enum.IsDefined(r.Reason) && !string.IsNullOrWhiteSpace(r.Detail), $"{r.Reason}: '{r.Detail}'"));
    }

    private static class Clean
    {
        public static string Cot(string unitId) =>
            $"<event version='2.0' uid='{unitId}' type='a-f-G-U-C' how='m-g' time='2026-03-14T15:00:00Z' start='2026-03-14T15:00:00Z' stale='2026-03-14T15:05:00Z'>"
            + "<point lat='39.7392' lon='-104.9903' hae='1609' ce='5' le='9999999'/><detail/></event>";
    }
}
