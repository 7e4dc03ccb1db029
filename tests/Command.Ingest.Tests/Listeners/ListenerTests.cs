using System.Net;
using System.Net.Sockets;
using System.Text;
using Command.Domain.Geometry;
using Command.Domain.Validation;
using Command.Ingest.Cot;
using Command.Ingest.Intake;
using Command.Ingest.Listeners;
using Command.Ingest.Tests.Cot;
using Command.Ingest.Tests.Nmea;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Command.Ingest.Tests.Listeners;

public sealed class ListenerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task A_broken_event_on_a_phones_own_connection_is_recorded_in_its_units_incident_and_on_a_servers_in_the_listeners()
    {
        var routes = new EnrolledUnits(new Dictionary<string, string> { ["ANDROID-B2"] = "walk-1", ["ANDROID-C3"] = "walk-1" });
        await using var rig = await IngestRig.StartAsync(routes: routes);
        var port = rig.Listener<CotTcpListener>().BoundPort!.Value;
        const string broken = "<event version='2.0' uid='ANDROID-B2' type='a-f-G-U-C'><point lat='39.7'</event>";
        using var phone = await IngestRig.ConnectAsync(port);
        await IngestRig.SendAsync(phone, CotParserTests.Event(uid: "ANDROID-B2") + broken);
        var fromPhone = await rig.Port.WaitForAsync(2);
        using var server = await IngestRig.ConnectAsync(port);
        await IngestRig.SendAsync(server, CotParserTests.Event(uid: "ANDROID-B2") + CotParserTests.Event(uid: "ANDROID-C3") + broken);

        var delivered = await rig.Port.WaitForAsync(5);

        // Recorded where the phone's commander sees it, and not put on its row: which report it was cannot be told.
        Assert.Equal(("walk-1", RejectReason.Malformed, null), (fromPhone[1].Incident, fromPhone[1].Refused?.Reason, fromPhone[1].Refused?.UnitId));
        // A connection speaking for several units does not say whose it was.
        Assert.Equal(("drill-1", RejectReason.Malformed), (delivered[4].Incident, delivered[4].Refused?.Reason));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_tcp_listener_stops_cleanly_whenever_its_accept_is_cut_short()
    {
        // Stopped, the listener's waiting accept ends with "Operation canceled"; where that was seen before the host's
        // stopping was, the loop logged it, accepted again on the stopped listener and threw: one stop in six logged an
        // error and a fatal "the host is stopping" line.
        var faulted = new List<string>();
        for (var round = 0; round < 40; round++)
        {
            var rig = await IngestRig.StartAsync();
            var listener = rig.Listener<CotTcpListener>();
            // A report taken from a connection: the accept loop has run, and waits on its next accept.
            using (var phone = await IngestRig.ConnectAsync(listener.BoundPort!.Value))
            {
                await IngestRig.SendAsync(phone, CotParserTests.Event());
                await rig.Port.WaitForAsync(1);
                await rig.DisposeAsync();
            }

            if (listener.ExecuteTask is not { IsCompleted: true, IsFaulted: false } task)
            {
                faulted.Add($"round {round}: {listener.ExecuteTask?.Status} {listener.ExecuteTask?.Exception?.InnerException?.GetType().Name}");
            }

            faulted.AddRange(rig.Log.Lines("Listener").Where(line => line.Contains("could not accept", StringComparison.Ordinal)).Select(line => $"round {round}: {line}"));
        }

        Assert.Empty(faulted);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cot_datagram_reaches_the_incident()
    {
        await using var rig = await IngestRig.StartAsync();
        using var udp = new UdpClient();
        var port = rig.Listener<CotUdpListener>(l => l.BoundPort is not null).BoundPort!.Value;
        await udp.SendAsync(Encoding.UTF8.GetBytes(CotParserTests.Event()), new IPEndPoint(IPAddress.Loopback, port), Ct);
        var delivered = await rig.Port.WaitForAsync(1);
        Assert.Equal(("drill-1", UnknownUnitPolicy.Enrol, "U1"), (delivered[0].Incident, delivered[0].Policy, delivered[0].Report?.UnitId));
        Assert.Equal(new GeoPoint(39.7392, -104.9903), delivered[0].Report?.Position);
        // The listener it came through, as that listener's outages are recorded (at this host).
        Assert.Equal("Ingest:Cot:Udp", delivered[0].Report?.Via);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cot_datagram_starting_with_a_byte_order_mark_reaches_the_incident()
    {
        await using var rig = await IngestRig.StartAsync();
        // UTF-8's byte order mark (EF BB BF), as a file saved by a Windows editor starts.
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, "\uFEFF<?xml version='1.0' encoding='UTF-8'?>" + CotParserTests.Event());
        Assert.Equal("U1", Assert.Single(await rig.Port.WaitForAsync(1)).Report?.UnitId);
    }

    [Fact(Timeout = 30_000)]
    public async Task Tak_protocol_datagram_reaches_the_incident_and_a_version_announcement_alone_does_not()
    {
        await using var rig = await IngestRig.StartAsync();
        using var udp = new UdpClient();
        var to = new IPEndPoint(IPAddress.Loopback, rig.CotUdpPort);
        // ATAK on the mesh says which versions it reads once a minute, alone or with its position.
        await udp.SendAsync(TakProto.Mesh(TakProto.Message(null, TakProto.Control())), to, Ct);
        await udp.SendAsync(TakProto.FromXml(CotParserTests.Event(uid: "ANDROID-1")), to, Ct);

        var delivered = Assert.Single(await rig.Port.WaitForAsync(1));

        Assert.Equal(("ANDROID-1", new GeoPoint(39.7392, -104.9903)), (delivered.Report?.UnitId, delivered.Report?.Position));
    }

    [Fact(Timeout = 30_000)]
    public async Task Datagrams_to_the_tak_multicast_group_reach_the_incident()
    {
        // Joined on loopback, as by default: a sender on this machine sends to the group through it.
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Cot:Multicast:Enabled"] = "true", ["Ingest:Cot:Multicast:Port"] = "0" });
        var port = rig.Listener<CotUdpListener>(l => l.Group is not null && l.BoundPort is not null).BoundPort!.Value;
        using var udp = new UdpClient(AddressFamily.InterNetwork);
        udp.Client.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Loopback.GetAddressBytes());
        var group = new IPEndPoint(IPAddress.Parse("239.2.3.1"), port);

        await udp.SendAsync(Encoding.UTF8.GetBytes(CotParserTests.Event(uid: "ANDROID-XML")), group, Ct);
        await udp.SendAsync(TakProto.FromXml(CotParserTests.Event(uid: "ANDROID-V1")), group, Ct);

        Assert.Equal(["ANDROID-V1", "ANDROID-XML"], (await rig.Port.WaitForAsync(2)).Select(d => d.Report?.UnitId).Order());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_units_911_alert_reaches_its_incident_with_its_source_and_an_old_one_is_refused_and_recorded()
    {
        await using var rig = await IngestRig.StartAsync();
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Alert().Replace("2026-03-14T15:00:00Z", "2026-03-14T14:50:00Z", StringComparison.Ordinal));
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Alert(), from: "127.0.0.5");

        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal((RejectReason.TooOld, "ANDROID-7f3a"), (delivered[0].Refused?.Reason, delivered[0].Refused?.UnitId));
        Assert.Equal(("ANDROID-7f3a", "911 Alert", "cot:ANDROID-7f3a@127.0.0.5"), (delivered[1].Alert?.UnitId, delivered[1].Alert?.Kind, delivered[1].Actor));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_alert_for_a_unit_bound_to_another_device_is_refused_as_its_reports_would_be()
    {
        await using var rig = await IngestRig.StartAsync(bindings: new BoundUnits("ANDROID-7f3a", "token:device-7"));
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Alert());

        var refused = Assert.Single(await rig.Port.WaitForAsync(1)).Refused;

        Assert.Equal((RejectReason.UnitBoundToDevice, "unit 'ANDROID-7f3a' takes positions only from token:device-7"), (refused?.Reason, refused?.Detail));
    }

    private sealed class BoundUnits(string unitId, string actor) : IUnitBindings
    {
        public string? BoundTo(string unit) => unit == unitId ? actor : null;
    }

    [Fact(Timeout = 30_000)]
    public async Task Cot_hostile_datagram_places_the_threat()
    {
        await using var rig = await IngestRig.StartAsync();
        using var udp = new UdpClient();
        var port = rig.Listener<CotUdpListener>(l => l.BoundPort is not null).BoundPort!.Value;
        await udp.SendAsync(Encoding.UTF8.GetBytes(CotParserTests.Event("a-h-G")), new IPEndPoint(IPAddress.Loopback, port), Ct);
        var delivered = await rig.Port.WaitForAsync(1);
        Assert.Equal("T1", delivered[0].Threat?.ThreatId);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cot_tcp_stream_keeps_going_after_a_malformed_event()
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);
        var stream = CotParserTests.Event(uid: "U1") + "\n<event uid='bad' type='a-f-G'><point lat='1' </event>" + CotParserTests.Event(uid: "U3");
        await IngestRig.SendAsync(client, stream);
        var delivered = await rig.Port.WaitForAsync(3);
        Assert.Equal(["U1", "U3"], delivered.Where(d => d.Report is not null).Select(d => d.Report!.UnitId));
        Assert.Equal(RejectReason.Malformed, Assert.Single(delivered, d => d.Refused is not null).Refused!.Reason);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_ping_on_a_cot_stream_is_answered_and_neither_queued_nor_recorded()
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);
        // ATAK after 15 s of hearing nothing from its server; it drops the connection 25 s on without an answer.
        await IngestRig.SendAsync(client, "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + CotParserTests.Event(CotOutcome.PingType, uid: "ANDROID-1-ping",
            point: "<point lat='0.0' lon='0.0' hae='0.0' ce='9999999.0' le='9999999.0'/>"));

        var pong = await ReadEventAsync(client);

        var now = rig.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<event version=\"2.0\" uid=\"takPong\" type=\"t-x-c-t-r\" how=\"h-g-i-g-o\" time=\"{now:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\" start=\"{now:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\" stale=\"{now.AddSeconds(20):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\"><point lat=\"0\" lon=\"0\" hae=\"0\" ce=\"9999999\" le=\"9999999\"/><detail/></event>",
            pong);
        await IngestRig.SendAsync(client, CotParserTests.Event(uid: "ANDROID-1"));
        Assert.Equal("ANDROID-1", Assert.Single(await rig.Port.WaitForAsync(1)).Report?.UnitId);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_ping_in_a_datagram_is_no_report()
    {
        await using var rig = await IngestRig.StartAsync();
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(CotOutcome.PingType, uid: "ANDROID-1-ping"));
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(uid: "ANDROID-1"));

        Assert.Equal("ANDROID-1", Assert.Single(await rig.Port.WaitForAsync(1)).Report?.UnitId);
    }

    /// <summary>Reads from a CoT stream up to and with the first <c>&lt;/event&gt;</c>.</summary>
    internal static async Task<string> ReadEventAsync(Stream stream)
    {
        var text = new StringBuilder();
        var buffer = new byte[256];
        while (!text.ToString().Contains("</event>", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, Ct);
            Assert.True(read > 0, $"the stream closed after: {text}");
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString();
    }

    private static Task<string> ReadEventAsync(TcpClient client) => ReadEventAsync(client.GetStream());

    [Fact(Timeout = 30_000)]
    public async Task Nmea_stream_identifies_its_unit_then_reports()
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        await IngestRig.SendAsync(client, "UNIT E3 Engine 3\r\n" + NmeaDecoderTests.WithChecksum("GPRMC,145958.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A") + "\r\n"
            + NmeaDecoderTests.WithChecksum("GPGGA,145958.000,3944.3520,N,10459.4180,W,1,08,1.2,1600.0,M,-20.0,M,,") + "\r\n");
        var report = (await rig.Port.WaitForAsync(1))[0].Report;
        Assert.Equal(("E3", "Engine 3", new DateTimeOffset(2026, 3, 14, 14, 59, 58, TimeSpan.Zero)), (report?.UnitId, report?.Callsign, report?.FixTime));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_receiver_whose_hdop_is_too_poor_is_refused_in_its_hdop_against_the_screens_limit()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Validation:MaxAccuracyM"] = "50" });
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        await IngestRig.SendAsync(client, "UNIT E4 Engine 4\r\n" + NmeaDecoderTests.WithChecksum("GPGGA,145958.000,3944.3520,N,10459.4180,W,1,04,12.0,1609.0,M,,M,,") + "\r\n"
            + NmeaDecoderTests.WithChecksum("GPRMC,145958.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A") + "\r\n");

        var refused = (await rig.Port.WaitForAsync(1))[0].Refused;

        Assert.Equal("GPGGA HDOP 12 (60 m at 5 m per HDOP) is worse than the 50 m limit", refused?.Detail);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("\r")]
    [InlineData("\r\n")]
    public async Task Nmea_lines_ended_by_a_bare_cr_each_reach_the_incident(string unitLineEnd)
    {
        // Some serial-to-TCP gateways pass a receiver's lines on ended by CR alone; cut at LF only, every sentence
        // after the first ran into one line and was lost without a word.
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        var sentences = string.Concat(Enumerable.Range(0, 3).Select(i =>
            NmeaDecoderTests.WithChecksum($"GPRMC,14595{i}.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A") + "\r"));

        await IngestRig.SendAsync(client, "UNIT N20 NOV20" + unitLineEnd + sentences);
        var delivered = await rig.Port.WaitForAsync(3);

        Assert.Equal(
            [("N20", 50), ("N20", 51), ("N20", 52)],
            delivered.Select(d => (d.Report?.UnitId, d.Report?.FixTime.Second)).Select(r => (r.UnitId!, r.Second!.Value)));
    }

    [Fact(Timeout = 30_000)]
    public async Task Aprs_lines_of_a_tnc_in_monitor_mode_ended_by_a_bare_cr_each_reach_the_incident()
    {
        // A TNC in TNC2 monitor mode ends its lines with a bare CR; cut at LF only, every packet after the first ran
        // into one line and was lost.
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<AprsTcpListener>().BoundPort!.Value);

        await IngestRig.SendAsync(client, "K1ABC-9>APRS:!3944.35N/10459.42W>\rK2DEF-7>APRS:!3944.36N/10459.43W>\rK3GHI-1>APRS:!3944.37N/10459.44W>\r");
        var delivered = await rig.Port.WaitForAsync(3);

        Assert.Equal(["K1ABC-9", "K2DEF-7", "K3GHI-1"], delivered.Select(d => d.Report?.UnitId));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_gps_only_trackers_raw_nmea_beacons_gated_by_an_igate_reach_the_incident_and_one_with_no_checksum_is_refused_by_name()
    {
        // A tracker with nothing but a GPS sends its receiver's sentences as the packet (APRS101 ch. 6): they were all
        // refused as "raw NMEA carries no unit position", and the tracker never showed on the board.
        await using var rig = await IngestRig.StartAsync();
        using var igate = await IngestRig.ConnectAsync(rig.Listener<AprsTcpListener>().BoundPort!.Value);

        await IngestRig.SendAsync(igate, "user N0GW-10 pass -1 vers direwolf 1.7\r\n"
            + "W1XYZ-9>GPS,WIDE1-1,qAR,N0GW-10:$GPRMC,145958,A,3944.350,N,10459.420,W,012.5,087.0,140326,011.0,E*68\r\n"
            + "W1XYZ-9>GPS,WIDE1-1,qAR,N0GW-10:$GPGGA,145959,3944.351,N,10459.419,W,1,07,1.2,1609.3,M,-21.5,M,,*4F\r\n"
            + "W1XYZ-9>GPS,WIDE1-1,qAR,N0GW-10:$GPRMC,150000,A,3944.352,N,10459.418,W,012.5,087.0,140326,011.0,E\r\n");
        var delivered = await rig.Port.WaitForAsync(3);

        Assert.Equal(
            [("W1XYZ-9", (DateTimeOffset?)IngestRig.Now.AddSeconds(-2), (RejectReason?)null), ("W1XYZ-9", IngestRig.Now.AddSeconds(-1), null), ("W1XYZ-9", null, RejectReason.Malformed)],
            delivered.Select(d => (d.Report?.UnitId ?? d.Refused?.UnitId, d.Report?.FixTime, d.Refused?.Reason)));
        Assert.Equal("sentence has no checksum", delivered[2].Refused?.Detail);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_packet_two_igates_pass_on_seconds_apart_is_one_fix()
    {
        // Two IGates that hear the same beacon each send it on, with their own path: a packet without a timestamp is taken
        // when it comes, so the second copy was another fix at the same place seconds later, a unit that seemed to stand.
        await using var rig = await IngestRig.StartAsync();
        var port = rig.Listener<AprsTcpListener>().BoundPort!.Value;
        using var first = await IngestRig.ConnectAsync(port);
        using var second = await IngestRig.ConnectAsync(port);

        await IngestRig.SendAsync(first, "K1ABC-9>APRS,WIDE1-1,qAR,N0GW-10:!3944.35N/10459.42W>\r\n");
        await rig.Port.WaitForAsync(1);
        rig.Clock.Advance(TimeSpan.FromSeconds(3));
        await IngestRig.SendAsync(second, "K1ABC-9>APRS,WIDE1-1,WIDE2-1,qAR,W0XYZ-1:!3944.35N/10459.42W>\r\nK2DEF-7>APRS,qAR,W0XYZ-1:!3944.36N/10459.43W>\r\n");
        var delivered = await rig.Port.WaitForUnitAsync("K2DEF-7");

        Assert.Equal([("K1ABC-9", IngestRig.Now), ("K2DEF-7", IngestRig.Now.AddSeconds(3))], delivered.Select(d => (d.Report!.UnitId, d.Report.FixTime)));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_aprs_stream_that_starts_with_a_byte_order_mark_has_its_login_answered_and_its_first_packet_taken()
    {
        // A client on Windows writing UTF-8 sends a byte order mark first: its login was read as a packet and refused
        // ("source 'USER N0GW-10 PASS -1 VERS ...' is not a callsign-SSID"), and was not answered.
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<AprsTcpListener>().BoundPort!.Value);
        using var reader = new StreamReader(client.GetStream(), System.Text.Encoding.ASCII);
        var ct = TestContext.Current.CancellationToken;

        await reader.ReadLineAsync(ct);
        await IngestRig.SendAsync(client, "\uFEFFuser N0GW-10 pass -1 vers direwolf 1.7\r\n");
        var logresp = await reader.ReadLineAsync(ct);
        await IngestRig.SendAsync(client, "K1ABC-9>APRS,TCPIP*:!3944.35N/10459.42W>\r\n");
        var delivered = Assert.Single(await rig.Port.WaitForAsync(1));

        Assert.Equal(("# logresp N0GW-10 unverified, server COMMAND", "K1ABC-9"), (logresp, delivered.Report?.UnitId));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_aprs_stream_that_starts_with_a_byte_order_mark_has_its_first_packet_taken()
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<AprsTcpListener>().BoundPort!.Value);

        await IngestRig.SendAsync(client, "\uFEFFK1ABC-9>APRS,TCPIP*:!3944.35N/10459.42W>\r\n");
        var delivered = Assert.Single(await rig.Port.WaitForAsync(1));

        Assert.Equal(("K1ABC-9", null), (delivered.Report?.UnitId, delivered.Refused?.Detail));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_aprs_beacon_stamped_in_local_time_an_hour_off_the_host_clock_is_taken_as_received()
    {
        // A tracker set to local time at a site an hour east of UTC: read as UTC, its stamp was an hour ahead of the
        // host's clock and every beacon was refused as future-fix.
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<AprsTcpListener>().BoundPort!.Value);

        await IngestRig.SendAsync(client, "DL2XYZ-7>APRS,WIDE1-1,qAR,IGATE:@141600/3944.35N/10459.42W>Perimeter Sued\r\n");
        var delivered = Assert.Single(await rig.Port.WaitForAsync(1));

        Assert.Equal(("DL2XYZ-7", IngestRig.Now, null), (delivered.Report?.UnitId, delivered.Report?.FixTime, delivered.Refused));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_aprs_is_client_is_greeted_its_login_answered_and_its_packets_taken_as_an_aprs_is_server_does()
    {
        // aprslib, on which APRSD and many Python gateways are built, waits 5 s for the server's banner as it connects and
        // for logresp to its login: to a listener that said nothing it gave up ("no banner from server").
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<AprsTcpListener>().BoundPort!.Value);
        using var reader = new StreamReader(client.GetStream(), System.Text.Encoding.ASCII);
        var ct = TestContext.Current.CancellationToken;

        var banner = await reader.ReadLineAsync(ct);
        await IngestRig.SendAsync(client, "user KD0ABC-9 pass 19108 vers aprslib 0.7.2 filter r/39.74/-104.99/10\r\n");
        var logresp = await reader.ReadLineAsync(ct);
        await IngestRig.SendAsync(client, "KD0ABC-9>APRS,TCPIP*:!3944.35N/10459.42W>\r\n");
        var delivered = Assert.Single(await rig.Port.WaitForAsync(1));

        Assert.StartsWith("# Command ", banner);
        Assert.Equal("# logresp KD0ABC-9 verified, server COMMAND", logresp);
        Assert.Equal("KD0ABC-9", delivered.Report?.UnitId);

        // And a comment every 20 s from its connecting, as APRS-IS servers write, by which a client tells a live server
        // from a lost connection: Command's own APRS-IS client connects again after 2 minutes without one.
        rig.Clock.Advance(TimeSpan.FromSeconds(20));
        var first = await reader.ReadLineAsync(ct);
        rig.Clock.Advance(TimeSpan.FromSeconds(20));
        var second = await reader.ReadLineAsync(ct);
        Assert.Matches(@"^# Command \S+ 14 Mar 2026 15:00:20 GMT COMMAND$", first);
        Assert.Matches(@"^# Command \S+ 14 Mar 2026 15:00:40 GMT COMMAND$", second);
    }

    [Fact(Timeout = 30_000)]
    public async Task Aprs_line_reaches_the_incident_and_oversized_lines_do_not_close_the_connection()
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<AprsTcpListener>().BoundPort!.Value);
        await IngestRig.SendAsync(client, "# aprsc 2.1\r\nK1ABC-9>APRS:" + new string('x', 3000) + "\r\nK1ABC-9>APRS,TCPIP*:!3944.35N/10459.42W>\r\n");
        var delivered = await rig.Port.WaitForAsync(2);
        Assert.Equal(new Rejection(RejectReason.Oversized, "message is longer than the 512-byte limit").Detail, delivered.Single(d => d.Refused is not null).Refused!.Detail);
        Assert.Equal("K1ABC-9", delivered.Single(d => d.Report is not null).Report!.UnitId);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_flooding_address_is_rate_limited_while_another_gets_through()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Aprs:Tcp:RateBurst"] = "3", ["Ingest:Aprs:Tcp:RatePerSecond"] = "1" });
        var port = rig.Listener<AprsTcpListener>().BoundPort!.Value;
        using var flood = await IngestRig.ConnectAsync(port, "127.0.0.1");
        // Each a packet of its own: a copy of one sent within 30 s is passed over, as an APRS-IS server passes it over.
        await IngestRig.SendAsync(flood, string.Concat(Enumerable.Range(10, 10).Select(i => $"FLOOD>APRS:!3944.{i}N/10459.42W>\n")));
        await rig.Meters.RejectedAsync("rate-limited", 7);
        using var quiet = await IngestRig.ConnectAsync(port, "127.0.0.2");
        await IngestRig.SendAsync(quiet, "QUIET>APRS:!3944.35N/10459.42W>\n");
        var delivered = await rig.Port.WaitForAsync(4);
        Assert.Equal(["FLOOD", "FLOOD", "FLOOD", "QUIET"], delivered.Select(d => d.Report!.UnitId));
        Assert.Equal(7, rig.Meters.Rejected("rate-limited", "Aprs"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_taken_port_leaves_the_listener_off_and_the_rest_running()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Nmea:Tcp:Port"] = taken.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Null(rig.Listener<NmeaTcpListener>().BoundPort);
        Assert.NotNull(rig.Listener<AprsTcpListener>().BoundPort);
    }

    [Fact(Timeout = 30_000)]
    public async Task Oversized_datagram_is_refused_as_oversized()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Cot:MaxEventChars"] = "2000" });
        using var udp = new UdpClient();
        var port = rig.Listener<CotUdpListener>(l => l.BoundPort is not null).BoundPort!.Value;
        await udp.SendAsync(Encoding.UTF8.GetBytes(CotParserTests.Event(detail: new string(' ', 3000))), new IPEndPoint(IPAddress.Loopback, port), Ct);
        var refused = (await rig.Port.WaitForAsync(1))[0].Refused;
        Assert.Equal((RejectReason.Oversized, "datagram is 3243 bytes (limit 2000)", 1025), (refused?.Reason, refused?.Detail, refused?.Raw.Length));
    }
}
