using Command.Domain.Events;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Listeners;
using Command.Ingest.Tests.Cot;
using Command.Tests.Shared;

namespace Command.Ingest.Tests.Listeners;

/// <summary>
/// A CoT stream whose sender's connection hiccups: an event cut off before its <c>&lt;/event&gt;</c>, and then the next
/// whole one on the same stream, as ATAK and TAK gateways carry on after a short write.
/// </summary>
public sealed class CutOffEventTests
{
    private const string Declaration = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>";

    private static readonly string Whole = CotParserTests.Event(uid: "ANDROID-2", detail: "<contact callsign='BRAVO 2'/>");

    // ANDROID-1's event cut off inside its point, before its lon: 170 bytes of it.
    private static readonly string CutShort = CotParserTests.Event(uid: "ANDROID-1")[..170];

    [Theory(Timeout = 30_000)]
    [InlineData(Declaration + "\n", "\n" + Declaration + "\n", 55 + 1 + 170)]
    [InlineData("", "\n", 170)]
    [InlineData("", "", 170)]
    public async Task An_event_cut_off_short_is_refused_on_its_own_and_the_next_whole_one_is_taken(string before, string between, int cutBytes)
    {
        await using var rig = await IngestRig.StartAsync();
        using var phone = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);

        await IngestRig.SendAsync(phone, before + CutShort + between + Whole + "\n");
        var delivered = await rig.Port.WaitForAsync(2);

        var refused = Refused(delivered);
        Assert.Equal((RejectReason.Malformed, $"event cut off {cutBytes} bytes in: the next event began before its </event>", before + CutShort),
            (refused.Reason, refused.Detail, refused.Raw));
        Assert.Equal([("ANDROID-2", "BRAVO 2")], Taken(delivered).Select(r => (r.UnitId, r.Callsign)));
        Assert.Equal(2, delivered.Count);
        // Counted and logged as every refused input is.
        Assert.Equal(1, rig.Meters.Rejected("malformed", "CoT"));
        Assert.Contains(rig.Log.Lines("RejectionLog"), line => line.Contains("event cut off", StringComparison.Ordinal));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("\0")]
    [InlineData("\0\n")]
    [InlineData("\n\0\0")]
    public async Task Events_a_sender_ends_with_a_nul_byte_are_each_taken_and_nothing_refused(string end)
    {
        await using var rig = await IngestRig.StartAsync();
        using (var bridge = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value))
        {
            await IngestRig.SendAsync(bridge, CotParserTests.Event(uid: "ANDROID-1") + end + Whole + end + Declaration + CotParserTests.Event(uid: "ANDROID-3") + end);
        }

        var delivered = await rig.Port.WaitForAsync(3);

        Assert.Equal(["ANDROID-1", "ANDROID-2", "ANDROID-3"], Taken(delivered).Select(r => r.UnitId));
        Assert.Equal(3, delivered.Count);
        Assert.Equal(0, rig.Meters.Rejected("malformed", "CoT"));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_event_cut_off_inside_its_declaration_gives_way_to_the_next()
    {
        await using var rig = await IngestRig.StartAsync();
        using var phone = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);

        await IngestRig.SendAsync(phone, "<?xml version='1.0' enc" + Declaration + Whole);
        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal((RejectReason.Malformed, "event cut off 23 bytes in: the next event began before its </event>"), (Refused(delivered).Reason, Refused(delivered).Detail));
        Assert.Equal(["ANDROID-2"], Taken(delivered).Select(r => r.UnitId));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_oversized_event_cut_off_short_is_refused_as_oversized_and_the_next_whole_one_is_taken()
    {
        // Cut off past the listener's limit: refused by its start, and the stream is read on from the next event, not
        // from the next </event> (which is that event's own end).
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Cot:Tcp:MaxFrameBytes"] = "2048" });
        using var phone = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);
        var oversized = CotParserTests.Event(uid: "ANDROID-1", detail: "<remarks>" + new string('x', 3000) + "</remarks>")[..2600];

        await IngestRig.SendAsync(phone, oversized + "\n" + Declaration + "\n" + Whole);
        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal((RejectReason.Oversized, "message is longer than the 2048-byte limit"), (Refused(delivered).Reason, Refused(delivered).Detail));
        Assert.Equal(["ANDROID-2"], Taken(delivered).Select(r => r.UnitId));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_cut_off_event_and_the_next_over_the_limit_together_are_each_read()
    {
        // Neither is over the limit; run together they were, and both were lost as one oversized message.
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Cot:Tcp:MaxFrameBytes"] = "2048" });
        using var phone = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);
        var cut = CotParserTests.Event(uid: "ANDROID-1", detail: "<remarks>" + new string('x', 1500) + "</remarks>")[..1400];
        var whole = CotParserTests.Event(uid: "ANDROID-2", detail: "<remarks>" + new string('y', 1500) + "</remarks>");

        await IngestRig.SendAsync(phone, cut + whole);
        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal((RejectReason.Malformed, "event cut off 1400 bytes in: the next event began before its </event>"), (Refused(delivered).Reason, Refused(delivered).Detail));
        Assert.Equal(["ANDROID-2"], Taken(delivered).Select(r => r.UnitId));
    }

    [Fact(Timeout = 30_000)]
    public async Task Event_text_written_in_its_escaped_form_does_not_cut_an_event()
    {
        await using var rig = await IngestRig.StartAsync();
        using var phone = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);

        await IngestRig.SendAsync(phone, CotParserTests.Event(uid: "ANDROID-1", detail: "<remarks>&lt;event uid='x'&gt; &lt;?xml version='1.0'?&gt;</remarks><eventDetail/>") + Whole);
        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal(["ANDROID-1", "ANDROID-2"], Taken(delivered).Select(r => r.UnitId));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_cut_off_event_a_tak_server_relays_is_refused_on_its_own_and_the_next_is_taken()
    {
        using var certificates = new TestCertificates(DateTimeOffset.UtcNow, "TAK Server CA");
        using var server = new FakeTakServer(certificates);
        var (rig, _) = await SourceTries.StartAsync<TakServerClient>("Ingest:Cot:TakServer", server.Port, new() { ["Ingest:Cot:TakServer:Tls"] = "false" });
        await using var _ = rig;
        using var tcp = await server.AcceptPlainAsync(TestContext.Current.CancellationToken);
        await ListenerTests.ReadEventAsync(tcp.GetStream());

        await FakeTakServer.SendAsync(tcp.GetStream(), CotParserTests.Event(uid: "ANDROID-3") + CutShort + Whole, TestContext.Current.CancellationToken);
        var delivered = await rig.Port.WaitForAsync(3);

        Assert.Equal((RejectReason.Malformed, "event cut off 170 bytes in: the next event began before its </event>"), (Refused(delivered).Reason, Refused(delivered).Detail));
        Assert.Equal(["ANDROID-3", "ANDROID-2"], Taken(delivered).Select(r => r.UnitId));
    }

    // A batch hands an incident its reports, then its refusals: each is told by what it is, not by its place.
    [Theory(Timeout = 30_000)]
    [InlineData("<remarks><![CDATA[moving to <event> staging & north]]></remarks>")]
    [InlineData("<!-- <event uid='OLD'> -->")]
    [InlineData("<remarks><![CDATA[<?xml version='1.0'?>]]></remarks>")]
    [InlineData("<remarks><![CDATA[relayed as <event/></event> by the gateway]]></remarks>")]
    [InlineData("<!-- ended early: </event> -->")]
    public async Task An_event_whose_cdata_or_comment_holds_an_events_start_or_end_is_taken_whole(string detail)
    {
        // Valid XML, taken over UDP: over TCP its text was read as the next event's start, and the event refused as cut off,
        // or as its end, and the event refused in two broken halves.
        await using var rig = await IngestRig.StartAsync();
        using var phone = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);

        await IngestRig.SendAsync(phone, "<!-- WinTAK -->" + CotParserTests.Event(uid: "ANDROID-1", detail: detail) + "\n" + Whole + "\n");
        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal(["ANDROID-1", "ANDROID-2"], delivered.Select(d => d.Report?.UnitId));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_event_cut_off_inside_a_comment_is_refused_on_its_own_and_the_next_whole_one_is_taken()
    {
        await using var rig = await IngestRig.StartAsync();
        using var phone = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);
        var full = CotParserTests.Event(uid: "ANDROID-1", detail: "<!-- a note that runs on -->");
        var cut = full[..full.IndexOf("that", StringComparison.Ordinal)];

        await IngestRig.SendAsync(phone, cut + Whole + "\n");
        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal((RejectReason.Malformed, "ANDROID-2"), (Refused(delivered).Reason, Assert.Single(Taken(delivered)).UnitId));
    }

    private static InputRejected Refused(IReadOnlyList<Delivered> delivered) => Assert.Single(delivered, d => d.Refused is not null).Refused!;

    private static IEnumerable<PositionReport> Taken(IReadOnlyList<Delivered> delivered) => delivered.Where(d => d.Report is not null).Select(d => d.Report!);
}
