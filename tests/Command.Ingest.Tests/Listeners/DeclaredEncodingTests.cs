using System.Net;
using System.Net.Sockets;
using System.Text;
using Command.Domain.Validation;
using Command.Ingest.Listeners;
using Command.Ingest.Tests.Cot;
using Command.Tests.Shared;

namespace Command.Ingest.Tests.Listeners;

/// <summary>CoT events whose XML declaration names an encoding other than UTF-8, as they come over each path that reads CoT.</summary>
public sealed class DeclaredEncodingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // As a gateway writing ISO-8859-1 sends it: é and ñ one byte each (0xE9, 0xF1).
    private static byte[] Latin1(string uid) =>
        Encoding.Latin1.GetBytes("<?xml version='1.0' encoding='ISO-8859-1'?>\n" + CotParserTests.Event(uid: uid, detail: "<contact callsign='José Muñoz'/>"));

    [Fact(Timeout = 30_000)]
    public async Task A_latin1_datagram_keeps_its_callsign_and_one_in_an_encoding_not_read_is_refused_by_name()
    {
        await using var rig = await IngestRig.StartAsync();
        using var udp = new UdpClient();
        var to = new IPEndPoint(IPAddress.Loopback, rig.CotUdpPort);

        await udp.SendAsync(Latin1("ANDROID-1"), to, Ct);
        Assert.Equal(("ANDROID-1", "José Muñoz"), Assert.Single(await rig.Port.WaitForAsync(1)).Report is { } r ? (r.UnitId, r.Callsign) : default);
        await udp.SendAsync(Encoding.ASCII.GetBytes("<?xml version='1.0' encoding='x-mac-klingon'?>" + CotParserTests.Event(uid: "ANDROID-2")), to, Ct);
        var refused = (await rig.Port.WaitForAsync(2))[1].Refused;

        Assert.Equal((RejectReason.Malformed, "encoding 'x-mac-klingon' named in its XML declaration is not one read here"), (refused?.Reason, refused?.Detail));
        Assert.Equal(1, rig.Meters.Rejected("malformed", "CoT"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Each_event_on_a_stream_is_read_in_the_encoding_it_declares()
    {
        await using var rig = await IngestRig.StartAsync();
        using var phone = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);
        var utf8 = Encoding.UTF8.GetBytes("\n<?xml version='1.0' encoding='UTF-8'?>\n" + CotParserTests.Event(uid: "ANDROID-2", detail: "<contact callsign='Zoë'/>"));

        await phone.GetStream().WriteAsync((byte[])[.. Latin1("ANDROID-1"), .. utf8], Ct);
        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal([("ANDROID-1", "José Muñoz"), ("ANDROID-2", "Zoë")], delivered.Select(d => (d.Report?.UnitId, d.Report?.Callsign)));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_event_on_a_stream_that_is_not_utf8_is_refused_and_the_next_read_as_sent()
    {
        await using var rig = await IngestRig.StartAsync();
        using var phone = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);
        var undeclared = Encoding.Latin1.GetBytes(CotParserTests.Event(uid: "ANDROID-1", detail: "<contact callsign='José Muñoz'/>"));
        var next = Encoding.UTF8.GetBytes(CotParserTests.Event(uid: "ANDROID-2", detail: "<contact callsign='Zoë'/>"));

        await phone.GetStream().WriteAsync((byte[])[.. undeclared, .. next], Ct);
        var delivered = await rig.Port.WaitForAsync(2);

        var refused = Assert.Single(delivered, d => d.Refused is not null).Refused!;

        Assert.Equal(RejectReason.Malformed, refused.Reason);
        Assert.StartsWith("its bytes are not UTF-8: 0xE9 at byte ", refused.Detail, StringComparison.Ordinal);
        Assert.Equal("ANDROID-1", refused.UnitId);
        Assert.Equal(("ANDROID-2", "Zoë"), Assert.Single(delivered, d => d.Report is not null).Report is { } r ? (r.UnitId, r.Callsign) : default);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_latin1_event_a_tak_server_relays_keeps_its_callsign()
    {
        using var certificates = new TestCertificates(DateTimeOffset.UtcNow, "TAK Server CA");
        using var server = new FakeTakServer(certificates);
        var (rig, _) = await SourceTries.StartAsync<TakServerClient>("Ingest:Cot:TakServer", server.Port, new() { ["Ingest:Cot:TakServer:Tls"] = "false" });
        await using var _ = rig;
        using var tcp = await server.AcceptPlainAsync(Ct);
        await ListenerTests.ReadEventAsync(tcp.GetStream());

        await tcp.GetStream().WriteAsync(Latin1("ANDROID-1"), Ct);

        Assert.Equal(("ANDROID-1", "José Muñoz"), Assert.Single(await rig.Port.WaitForAsync(1)).Report is { } r ? (r.UnitId, r.Callsign) : default);
    }
}
