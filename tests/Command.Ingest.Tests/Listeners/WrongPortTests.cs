using System.Net;
using System.Net.Sockets;
using System.Text;
using Command.Ingest.Kiss;
using Command.Ingest.Listeners;

namespace Command.Ingest.Tests.Listeners;

/// <summary>
/// A source Command connects out to, set to a port where something else answers (a web server, a proxy): each answer
/// is an outage said with what it answered, tried again ever more slowly, and nothing it sent is taken for a report.
/// </summary>
public sealed class WrongPortTests
{
    private const string WebAnswer = "HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task A_tak_server_port_where_a_web_server_answers_is_an_outage_that_says_what_answered()
    {
        using var web = new TcpListener(IPAddress.Loopback, 0);
        web.Start();
        var port = ((IPEndPoint)web.LocalEndpoint).Port;
        var (rig, tries) = await SourceTries.StartAsync<TakServerClient>("Ingest:Cot:TakServer", port, new() { ["Ingest:Cot:TakServer:Tls"] = "false" });
        await using var _ = rig;

        var waits = await AnswerTwiceAsync(web, rig, tries);

        Assert.Equal([2, 4], waits.Select(w => w.TotalSeconds));
        Assert.Equal($"Cannot reach the TAK Server at 127.0.0.1:{port} (it answered in something other than CoT (\"HTTP/1.1 400 Bad Request\"): check that {port} is the TAK Server's port for it); trying again in 2 s, then ever less often, and saying so once it sends again",
            rig.Log.Lines("TakServerClient")[^1]);
        Assert.Equal((SourceCondition.Unreachable, "the TAK Server at 127.0.0.1:" + port), (rig.Source("Ingest:Cot:TakServer").Condition, rig.Source("Ingest:Cot:TakServer").Name));
        Assert.Empty(await rig.Port.WaitForAsync(0));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_aprs_is_port_where_a_web_server_answers_is_an_outage_that_says_what_answered_without_what_draws_nothing()
    {
        using var web = new TcpListener(IPAddress.Loopback, 0);
        web.Start();
        var port = ((IPEndPoint)web.LocalEndpoint).Port;
        var (rig, tries) = await SourceTries.StartAsync<AprsIsClient>("Ingest:Aprs:AprsIs", port, new() { ["Ingest:Aprs:AprsIs:Login"] = "N0CALL", ["Ingest:Aprs:AprsIs:Filter"] = "b/K1ABC-9" });
        await using var _ = rig;

        await AnswerTwiceAsync(web, rig, tries, "HTTP/1.1 400 \u202EBad\u200B Request\r\n\r\n");

        Assert.Contains($"(it answered in something other than APRS-IS (\"HTTP/1.1 400 Bad Request\"): check that {port} is the APRS-IS server's port for it)", rig.Log.Lines("AprsIsClient")[^1], StringComparison.Ordinal);
        Assert.Empty(await rig.Port.WaitForAsync(0));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_kiss_port_where_a_web_server_answers_is_an_outage_that_says_what_answered()
    {
        using var web = new TcpListener(IPAddress.Loopback, 0);
        web.Start();
        var port = ((IPEndPoint)web.LocalEndpoint).Port;
        var (rig, tries) = await SourceTries.StartKissAsync(port);
        await using var _ = rig;

        await AnswerTwiceAsync(web, rig, tries);

        Assert.Contains($"(it answered in something other than KISS (\"HTTP/1.1 400 Bad Request\"): check that {port} is the KISS TNC's port for it)", rig.Log.Lines("KissTncClient")[^1], StringComparison.Ordinal);
    }

    // Answers the client's first two connections as a web server does (or with answer), and lets its first wait run out: the waits.
    private static async Task<List<TimeSpan>> AnswerTwiceAsync(TcpListener web, IngestRig rig, SourceTries tries, string answer = WebAnswer)
    {
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 2; i++)
        {
            using (var connection = await web.AcceptTcpClientAsync(Ct))
            {
                await connection.GetStream().WriteAsync(Encoding.UTF8.GetBytes(answer), Ct);
            }

            waits.Add(await tries.WaitingAsync());
            if (i == 0)
            {
                rig.Clock.Advance(waits[0]);
            }
        }

        return waits;
    }
}
