using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Command.Domain.Reports;
using Command.Host.Tests.Support;

namespace Command.Host.Tests;

/// <summary>Each source, over its real protocol, moves a unit on the dashboard's feed.</summary>
public sealed class IngestTests(IngestHost host) : IClassFixture<IngestHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cot_datagram_moves_a_unit_and_a_hostile_marker_moves_the_threat()
    {
        await using var watcher = await FrameWatcher.JoinAsync(host, IngestHost.Incident);
        using var udp = new UdpClient();
        await ThreatMarkerGoneAsync(watcher, udp);
        var now = DateTime.UtcNow;

        await udp.SendAsync(Encoding.UTF8.GetBytes(Cot("ANDROID-1", "a-f-G-U-C", 44.0002, -100.0003, now, "<contact callsign=\"Viper 1\"/><__group name=\"Cyan\" role=\"Medic\"/>")), "127.0.0.1", host.CotUdpPort, Ct);
        await udp.SendAsync(Encoding.UTF8.GetBytes(Cot("HOSTILE-1", "a-h-G", 44.0009, -100.0001, now, "")), "127.0.0.1", host.CotUdpPort, Ct);
        var unit = (await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "ANDROID-1" && u.LastFix is not null))).Units.Single(u => u.UnitId == "ANDROID-1");
        var threats = await watcher.WaitForAsync(f => f.Threats.Any(t => Math.Abs(t.Position.Latitude - 44.0009) < 1e-9));

        Assert.Equal(("Viper 1", ReportSource.CoT, Domain.Units.UnitRole.Medical, "ANDROID-1"), (unit.Callsign, unit.LastFix!.Source, unit.Role, unit.LastFix.UnitId));
        Assert.Equal(44.0002, unit.LastFix.Position.Latitude, 9);
        Assert.Equal(-100.0001, threats.Threats.Single(t => Math.Abs(t.Position.Latitude - 44.0009) < 1e-9).Position.Longitude, 9);
    }

    [Fact]
    public async Task A_hostile_marker_deleted_on_a_device_leaves_the_threat_standing_and_saying_so()
    {
        // As ATAK deletes it: under a uid of the deletion's own, the marker in a link and the deleting phone, a unit
        // enrolled here, in a p-p link. The deletion's own uid names nothing anyone knows; the phone's unit is named.
        using (var phone = new UdpClient())
        {
            await phone.SendAsync(Encoding.UTF8.GetBytes(Cot("ANDROID-9", "a-f-G-U-C", 44.0003, -100.0003, DateTime.UtcNow, "<contact callsign=\"Viper 9\"/>")),
                "127.0.0.1", host.CotUdpPort, Ct);
        }

        var frame = await MarkerThenAsync("HOSTILE-9", 44.0011,
            now => Cot("HOSTILE-9-del-1796489645", "t-x-d-d", 0, 0, now,
                "<link uid=\"HOSTILE-9\" relation=\"none\" type=\"a-h-G\"/><link uid=\"ANDROID-9\" relation=\"p-p\" type=\"a-f-G-U-C\"/><__forcedelete/>"),
            f => f.Threats.Any(t => t.MarkerDeleted?.Marker == "HOSTILE-9"));

        var threat = frame.Threats.Single(t => t.Marker == "HOSTILE-9");
        Assert.Equal((Domain.Threats.ThreatPhase.Active, 44.0011, "cot:ANDROID-9@127.0.0.1, Viper 9"), (threat.Phase, threat.Position.Latitude, threat.MarkerDeleted!.Actor));
        Assert.Contains(frame.Events, e => e is Domain.Events.ThreatMarkerDeleted { Marker: "HOSTILE-9", ThreatId: "T1" });
    }

    [Fact]
    public async Task A_device_that_changes_its_callsign_mid_drill_is_said_once_in_the_feed_and_the_timeline()
    {
        // GOLF 7's phone becomes "GOLF 7 (MEDIC)" and goes on reporting so: said once; the unit keeps its enrolled callsign.
        var incident = $"rename-{Guid.NewGuid():N}"[..16];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(incident))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{incident}/units", new { unitId = "ANDROID-u7", callsign = "GOLF 7", role = "contact" })).EnsureSuccessStatusCode();
        await using var watcher = await FrameWatcher.JoinAsync(host, incident);
        using var udp = new UdpClient();
        var now = DateTime.UtcNow;
        string Report(int i, string callsign) => Cot("ANDROID-u7", "a-f-G-U-C", 44.0002 + (i * 0.00001), -100.0003, now.AddSeconds(i), $"<contact callsign=\"{callsign}\"/>");

        await udp.SendAsync(Encoding.UTF8.GetBytes(Report(0, "GOLF 7")), "127.0.0.1", host.CotUdpPort, Ct);
        await udp.SendAsync(Encoding.UTF8.GetBytes(Report(1, "GOLF 7 (MEDIC)")), "127.0.0.1", host.CotUdpPort, Ct);
        await udp.SendAsync(Encoding.UTF8.GetBytes(Report(2, "GOLF 7 (MEDIC)")), "127.0.0.1", host.CotUdpPort, Ct);
        var frame = await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "ANDROID-u7" && Math.Abs((u.LastFix?.Position.Latitude ?? 0) - 44.00022) < 1e-9));
        var timeline = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement[]>($"/api/sessions/{incident}/timeline", Ct);

        var unit = frame.Units.Single(u => u.UnitId == "ANDROID-u7");
        Assert.Equal(("GOLF 7", "GOLF 7 (MEDIC)"), (unit.Callsign, unit.LastFix!.Callsign));
        var renamed = Assert.Single(timeline!, m => m.GetProperty("type").GetString() == "unit-device-renamed");
        Assert.Equal(("ANDROID-u7", "GOLF 7 (MEDIC)", "GOLF 7", "GOLF 7"),
            (renamed.GetProperty("subject").GetString(), renamed.GetProperty("reason").GetString(), renamed.GetProperty("about").GetString(), renamed.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_hostile_marker_sent_again_unchanged_is_neither_placed_again_nor_refused()
    {
        // ATAK broadcasts its markers every minute or so: each unchanged one was a "threat placed" in the feed.
        var incident = $"resend-{Guid.NewGuid():N}"[..16];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(incident))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{incident}/units", new { unitId = "ANDROID-77", callsign = "Viper 7", role = "contact" })).EnsureSuccessStatusCode();
        await using var watcher = await FrameWatcher.JoinAsync(host, incident);
        using var udp = new UdpClient();
        var now = DateTime.UtcNow;
        string Marker(double lat, DateTime at) =>
            Cot("HOSTILE-77", "a-h-G", lat, -100.0001, at, "<contact callsign=\"Shooter\"/><link uid=\"ANDROID-77\" type=\"a-f-G-U-C\" relation=\"p-p\"/>");

        await udp.SendAsync(Encoding.UTF8.GetBytes(Marker(44.0013, now)), "127.0.0.1", host.CotUdpPort, Ct);
        await watcher.WaitForAsync(f => f.Threats.Any(t => t.Marker == "HOSTILE-77"));
        await udp.SendAsync(Encoding.UTF8.GetBytes(Marker(44.0013, now.AddSeconds(1))), "127.0.0.1", host.CotUdpPort, Ct);
        await udp.SendAsync(Encoding.UTF8.GetBytes(Marker(44.0014, now.AddSeconds(2))), "127.0.0.1", host.CotUdpPort, Ct);
        await watcher.WaitForAsync(f => f.Threats.Any(t => t.Marker == "HOSTILE-77" && t.Position.Latitude == 44.0014));
        var timeline = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement[]>($"/api/sessions/{incident}/timeline", Ct);
        var report = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/sessions/{incident}/report?format=json", Ct);

        Assert.Equal(2, timeline!.Count(m => m.GetProperty("type").GetString() == "threat-set"));
        Assert.Empty(report.GetProperty("incident").GetProperty("rejected").EnumerateArray());
    }

    [Fact]
    public async Task A_hostile_marker_deleted_on_a_device_reaches_the_incident_whose_threat_it_placed_where_that_is_not_the_listeners()
    {
        // Two incidents open: the marker dropped by an officer of the second set its threat; its deletion, sent under a
        // uid that is no unit's with only the marker's link, went to the listener's incident and was refused there.
        var east = $"east-{Guid.NewGuid():N}"[..16];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(east))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{east}/units", new { unitId = "ANDROID-h8", callsign = "HOTEL 8", role = "contact" })).EnsureSuccessStatusCode();
        await using var watcher = await FrameWatcher.JoinAsync(host, east);
        using var udp = new UdpClient();
        var now = DateTime.UtcNow;

        await udp.SendAsync(Encoding.UTF8.GetBytes(Cot("HOSTILE-E9", "a-h-G", 44.0013, -100.0001, now, "<link uid=\"ANDROID-h8\" type=\"a-f-G-U-C\" relation=\"p-p\"/>")),
            "127.0.0.1", host.CotUdpPort, Ct);
        await watcher.WaitForAsync(f => f.Threats.Any(t => t.Marker == "HOSTILE-E9"));
        await udp.SendAsync(Encoding.UTF8.GetBytes(Cot("4b1d6c2e-delete", "t-x-d-d", 0, 0, now.AddSeconds(1), "<link uid=\"HOSTILE-E9\" relation=\"none\" type=\"a-h-G\"/><__forcedelete/>")),
            "127.0.0.1", host.CotUdpPort, Ct);
        var frame = await watcher.WaitForAsync(f => f.Threats.Any(t => t.MarkerDeleted?.Marker == "HOSTILE-E9"));

        var threat = frame.Threats.Single(t => t.Marker == "HOSTILE-E9");
        Assert.Equal((Domain.Threats.ThreatPhase.Active, 44.0013, "cot@127.0.0.1"), (threat.Phase, threat.Position.Latitude, threat.MarkerDeleted!.Actor));
    }

    [Fact]
    public async Task A_new_hostile_marker_on_a_contained_threat_is_said_as_a_sighting_and_moves_nothing_until_it_is_deleted()
    {
        // T1 barricaded in room 12 on a commander's word; an officer drops a marker of his own 25 m off. It moved the
        // contained threat there, still contained, and nothing was said.
        var incident = $"sight-{Guid.NewGuid():N}"[..16];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(incident))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{incident}/units", new { unitId = "ANDROID-z1", callsign = "ZULU 1", role = "contact" })).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/incidents/{incident}/threats/T1", new { lat = 44.0009, lon = -100.0, phase = "active" }, Ct)).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{incident}/threats/T1/phase", new { phase = "contained", reason = "barricaded in room 12" })).EnsureSuccessStatusCode();
        await using var watcher = await FrameWatcher.JoinAsync(host, incident);
        using var udp = new UdpClient();
        var now = DateTime.UtcNow;
        var north25 = 44.0009 + (25 / 111_132.0);

        await udp.SendAsync(Encoding.UTF8.GetBytes(Cot("HOSTILE-9", "a-h-G", north25, -100.0, now,
            "<link uid=\"ANDROID-z1\" type=\"a-f-G-U-C\" parent_callsign=\"ZULU 1\" relation=\"p-p\"/>")), "127.0.0.1", host.CotUdpPort, Ct);
        var sighted = (await watcher.WaitForAsync(f => f.Threats.Any(t => t.Sighted is not null))).Threats.Single();
        await udp.SendAsync(Encoding.UTF8.GetBytes(Cot("HOSTILE-9-del-1", "t-x-d-d", 0, 0, now.AddSeconds(3),
            "<link uid=\"HOSTILE-9\" relation=\"none\" type=\"a-h-G\"/><link uid=\"ANDROID-z1\" relation=\"p-p\" type=\"a-f-G-U-C\"/><__forcedelete/>")),
            "127.0.0.1", host.CotUdpPort, Ct);
        var deleted = (await watcher.WaitForAsync(f => f.Threats.Any(t => t.Sighted is null))).Threats.Single();

        Assert.Equal((Domain.Threats.ThreatPhase.Contained, 44.0009, null), (sighted.Phase, sighted.Position.Latitude, sighted.Marker));
        Assert.Equal(("HOSTILE-9", "25 m north", "cot:HOSTILE-9@127.0.0.1, placed by ZULU 1"), (sighted.Sighted!.Marker, sighted.Sighted.Heading, sighted.Sighted.Actor));
        Assert.Equal((Domain.Threats.ThreatPhase.Contained, 44.0009), (deleted.Phase, deleted.Position.Latitude));
        var events = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/sessions/{incident}/timeline", Ct);
        Assert.Equal(["threat-set", "threat-phase-changed", "threat-sighted", "threat-marker-deleted"],
            events.EnumerateArray().Select(e => e.GetProperty("type").GetString()).Where(t => t!.StartsWith("threat-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_hostile_marker_marked_unknown_on_a_device_leaves_the_threat_standing_and_saying_so()
    {
        // As ATAK sends it once its user changed it to unknown: the same marker, a unit's type, placed by hand.
        var frame = await MarkerThenAsync("HOSTILE-8", 44.0012,
            now => Cot("HOSTILE-8", "a-u-G", 44.0012, -100.0001, now.AddSeconds(1), "").Replace("how=\"m-g\"", "how=\"h-g-i-g-o\"", StringComparison.Ordinal),
            f => f.Threats.Any(t => t.MarkerDeleted is { Marker: "HOSTILE-8", Became: "unknown" }));

        Assert.Equal(Domain.Threats.ThreatPhase.Active, frame.Threats.Single(t => t.Marker == "HOSTILE-8").Phase);
    }

    [Fact]
    public async Task A_tak_servers_word_that_a_client_left_shows_its_unit_signed_off_and_stale_until_it_reports_again()
    {
        await using var watcher = await FrameWatcher.JoinAsync(host, IngestHost.Incident);
        using var udp = new UdpClient();
        var now = DateTime.UtcNow;

        // Its phone says its fix stands 5 min; the server then loses it, and says so under a uid of its own.
        await udp.SendAsync(Encoding.UTF8.GetBytes(Cot("ANDROID-55", "a-f-G-U-C", 44.0004, -100.0004, now, "<contact callsign=\"Viper 5\"/>")), "127.0.0.1", host.CotUdpPort, Ct);
        await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "ANDROID-55" && u.LastFix is not null));
        await udp.SendAsync(Encoding.UTF8.GetBytes(Cot("8f0c2a9e-server", "t-x-d-d", 0, 0, now.AddSeconds(1), "<link uid=\"ANDROID-55\" type=\"a-f-G-U-C\" relation=\"p-p\"/>")),
            "127.0.0.1", host.CotUdpPort, Ct);
        var off = (await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "ANDROID-55" && u.SignedOff is not null))).Units.Single(u => u.UnitId == "ANDROID-55");
        await udp.SendAsync(Encoding.UTF8.GetBytes(Cot("ANDROID-55", "a-f-G-U-C", 44.0005, -100.0004, now.AddSeconds(2), "<contact callsign=\"Viper 5\"/>")), "127.0.0.1", host.CotUdpPort, Ct);
        var back = (await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "ANDROID-55" && u.SignedOff is null && u.LastFix?.Position.Latitude == 44.0005)))
            .Units.Single(u => u.UnitId == "ANDROID-55");

        Assert.Equal((Domain.Assessment.MotionState.Stale, "cot:8f0c2a9e-server@127.0.0.1"), (off.State, off.SignedOff!.Actor));
        Assert.NotEqual(Domain.Assessment.MotionState.Stale, back.State);
    }

    [Fact]
    public async Task A_radio_enrolled_in_another_incident_reports_there_and_not_to_its_listeners_incident()
    {
        var east = $"east-{Guid.NewGuid():N}"[..16];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(east))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{east}/units", new { unitId = "ROUTED-1", callsign = "East 1", role = "contact" })).EnsureSuccessStatusCode();
        await using var watcher = await FrameWatcher.JoinAsync(host, east);
        using var udp = new UdpClient();

        await udp.SendAsync(Encoding.UTF8.GetBytes(Cot("ROUTED-1", "a-f-G-U-C", 44.0003, -100.0003, DateTime.UtcNow, "")), "127.0.0.1", host.CotUdpPort, Ct);
        var unit = (await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "ROUTED-1" && u.LastFix is not null))).Units.Single(u => u.UnitId == "ROUTED-1");
        var listeners = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/incidents/{IngestHost.Incident}/units", Ct);

        Assert.Equal(("East 1", ReportSource.CoT), (unit.Callsign, unit.LastFix!.Source));
        Assert.DoesNotContain(listeners.EnumerateArray(), u => u.GetProperty("unitId").GetString() == "ROUTED-1");
    }

    [Fact]
    public async Task A_device_enrolled_nowhere_on_another_drills_site_reports_and_marks_there_not_in_the_listeners_incident()
    {
        // A second drill 2 km east of the listener's, with a building of its own. Its commander's tablet, enrolled as no
        // unit, drops its subject's marker on that building, and a late joiner's phone reports there before anyone
        // enrolled it: both went to the listener's incident, moving its threat 2 km and enrolling the officer there.
        var (east, frame) = await OpenDrillAsync("east", "Drill east", new(44.0, -99.975), "East campus", "gym", "Gym");
        await using var watcher = await FrameWatcher.JoinAsync(host, east);
        using var udp = new UdpClient();
        var now = DateTime.UtcNow;
        var gym = frame.ToGeo(new(0, 100));

        await udp.SendAsync(Encoding.UTF8.GetBytes(Cot("HOSTILE-C1", "a-h-G", gym.Latitude, gym.Longitude, now, "<link uid=\"ANDROID-cmdrC\" type=\"a-f-G-U-C\" relation=\"p-p\"/>")),
            "127.0.0.1", host.CotUdpPort, Ct);
        await udp.SendAsync(Encoding.UTF8.GetBytes(Cot("ANDROID-f1", "a-f-G-U-C", gym.Latitude - 0.0005, gym.Longitude, now, "<contact callsign=\"FOX 1\"/>")), "127.0.0.1", host.CotUdpPort, Ct);
        await watcher.WaitForAsync(f => f.Threats.Any(t => t.Marker == "HOSTILE-C1"));
        var frameEast = await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "ANDROID-f1" && u.LastFix is not null));
        var listeners = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/incidents/{IngestHost.Incident}", Ct);
        var listenersUnits = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/incidents/{IngestHost.Incident}/units", Ct);

        Assert.Equal("FOX 1", frameEast.Units.Single(u => u.UnitId == "ANDROID-f1").Callsign);
        Assert.DoesNotContain(listeners.GetProperty("threats").EnumerateArray(), t => t.TryGetProperty("marker", out var m) && m.GetString() == "HOSTILE-C1");
        Assert.DoesNotContain(listenersUnits.EnumerateArray(), u => u.GetProperty("unitId").GetString() == "ANDROID-f1");
    }

    [Fact]
    public async Task A_new_unit_reporting_from_two_drills_sites_at_once_is_enrolled_in_the_drill_of_its_first_report_alone()
    {
        // A TAK client that kept its last two fixes while out of reach sends both in one write as it reconnects: the first
        // on a second drill's site 4 km east, the later one back on the listener's. Enrolled nowhere, it is enrolled where
        // it first reported, and its later fix follows it there rather than enrolling it in the listener's drill too.
        var (east, frame) = await OpenDrillAsync("far", "Drill far east", new(44.0, -99.95), "Far east campus", "hall", "Hall");
        await using var watcher = await FrameWatcher.JoinAsync(host, east);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", host.CotTcpPort, Ct);
        var now = DateTime.UtcNow;
        var hall = frame.ToGeo(new(0, 100));
        var home = TestSite.Frame.ToGeo(new(0, 100));

        await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(
            Cot("ANDROID-j2", "a-f-G-U-C", hall.Latitude, hall.Longitude, now.AddSeconds(-90), "<contact callsign=\"JOINER 2\"/>")
            + Cot("ANDROID-j2", "a-f-G-U-C", home.Latitude, home.Longitude, now, "<contact callsign=\"JOINER 2\"/>")), Ct);
        var unit = (await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "ANDROID-j2" && Math.Abs((u.LastFix?.Position.Longitude ?? 0) - home.Longitude) < 1e-7))).Units.Single(u => u.UnitId == "ANDROID-j2");
        var listenersUnits = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/incidents/{IngestHost.Incident}/units", Ct);

        Assert.Equal(("JOINER 2", Math.Round(home.Longitude, 7)), (unit.Callsign, Math.Round(unit.LastFix!.Position.Longitude, 7)));
        Assert.DoesNotContain(listenersUnits.EnumerateArray(), u => u.GetProperty("unitId").GetString() == "ANDROID-j2");
    }

    [Fact]
    public async Task An_nmea_stream_bound_by_its_first_line_moves_its_unit()
    {
        await using var watcher = await FrameWatcher.JoinAsync(host, IngestHost.Incident);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", host.NmeaPort, Ct);
        var stream = tcp.GetStream();

        var lines = $"UNIT GPS-7 Engine 7\r\n$GPRMC,garbage*00\r\n{Rmc(DateTime.UtcNow, 44.0010, -100.0020)}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(lines), Ct);
        var unit = (await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "GPS-7" && u.LastFix is not null))).Units.Single(u => u.UnitId == "GPS-7");

        Assert.Equal(("Engine 7", ReportSource.Nmea), (unit.Callsign, unit.LastFix!.Source));
        Assert.Equal(44.0010, unit.LastFix.Position.Latitude, 6);
        Assert.Equal(-100.0020, unit.LastFix.Position.Longitude, 6);
    }

    [Fact]
    public async Task An_aprs_line_moves_the_station()
    {
        await using var watcher = await FrameWatcher.JoinAsync(host, IngestHost.Incident);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", host.AprsPort, Ct);

        await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes("N0CALL-9>APRS,TCPIP*:!4400.06N/10000.12W>moving\r\n"), Ct);
        var unit = (await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "N0CALL-9" && u.LastFix is not null))).Units.Single(u => u.UnitId == "N0CALL-9");

        Assert.Equal(ReportSource.Aprs, unit.LastFix!.Source);
        Assert.Equal(44.001, unit.LastFix.Position.Latitude, 6);
        Assert.Equal(-100.002, unit.LastFix.Position.Longitude, 6);
    }

    [Fact]
    public async Task A_traccar_client_request_moves_the_phone()
    {
        await using var watcher = await FrameWatcher.JoinAsync(host, IngestHost.Incident);
        using var phone = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.OsmAndPort}") };
        var epoch = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var device = await host.Access.IssueDeviceAsync("PHONE-3");

        var ok = await phone.GetAsync($"/?id={device}&lat=44.0004&lon=-100.0006&timestamp={epoch}&speed=2&accuracy=6", Ct);
        var refused = await phone.GetAsync($"/?id={device}&lat=95&lon=-100&timestamp={epoch}", Ct);
        var unit = (await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "PHONE-3" && u.LastFix is not null))).Units.Single(u => u.UnitId == "PHONE-3");

        Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);
        // Refused for what it is: answered 200 with its reason, so the app does not send it again before its next fix.
        Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("invalid-coordinates", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal((ReportSource.OsmAnd, 6.0), (unit.LastFix!.Source, unit.LastFix.AccuracyM));
        Assert.Equal(44.0004, unit.LastFix.Position.Latitude, 9);
    }

    // A hostile marker placed over the CoT datagram listener, then what a device sent of it at the time given: the frame
    // that shows what the test waits for.
    private async Task<Domain.Views.IncidentFrame> MarkerThenAsync(string marker, double lat, Func<DateTime, string> then, Func<Domain.Views.IncidentFrame, bool> shows)
    {
        await using var watcher = await FrameWatcher.JoinAsync(host, IngestHost.Incident);
        using var udp = new UdpClient();
        await ThreatMarkerGoneAsync(watcher, udp);
        var now = DateTime.UtcNow;
        await udp.SendAsync(Encoding.UTF8.GetBytes(Cot(marker, "a-h-G", lat, -100.0001, now, "")), "127.0.0.1", host.CotUdpPort, Ct);
        await watcher.WaitForAsync(f => f.Threats.Any(t => t.Marker == marker));
        await udp.SendAsync(Encoding.UTF8.GetBytes(then(now)), "127.0.0.1", host.CotUdpPort, Ct);
        return await watcher.WaitForAsync(shows);
    }

    // The tests share the listeners' incident: a marker another test placed its threat from, deleted on a device, so the
    // next marker places it rather than being a sighting of it.
    private async Task ThreatMarkerGoneAsync(FrameWatcher watcher, UdpClient udp)
    {
        var incident = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/incidents/{IngestHost.Incident}", Ct);
        if (incident.TryGetProperty("threats", out var threats) && threats.EnumerateArray().FirstOrDefault() is { ValueKind: System.Text.Json.JsonValueKind.Object } threat
            && threat.TryGetProperty("marker", out var marker) && marker.GetString() is { } uid
            && !(threat.TryGetProperty("markerDeleted", out var deleted) && deleted.ValueKind == System.Text.Json.JsonValueKind.Object))
        {
            await udp.SendAsync(Encoding.UTF8.GetBytes(Cot($"{uid}-del", "t-x-d-d", 0, 0, DateTime.UtcNow, $"<link uid=\"{uid}\" relation=\"none\" type=\"a-h-G\"/><__forcedelete/>")),
                "127.0.0.1", host.CotUdpPort, Ct);
            await watcher.WaitForAsync(f => f.Threats.Any(t => t.Marker == uid && t.MarkerDeleted is not null));
        }
    }

    private static string Cot(string uid, string type, double lat, double lon, DateTime time, string detail) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><event version=\"2.0\" uid=\"{uid}\" type=\"{type}\" how=\"m-g\" time=\"{time:yyyy-MM-ddTHH:mm:ss.fffZ}\" start=\"{time:yyyy-MM-ddTHH:mm:ss.fffZ}\" stale=\"{time.AddMinutes(5):yyyy-MM-ddTHH:mm:ss.fffZ}\"><point lat=\"{lat}\" lon=\"{lon}\" hae=\"300\" ce=\"8\" le=\"9999999\"/><detail>{detail}</detail></event>");

    private static string Rmc(DateTime time, double lat, double lon)
    {
        static string Dm(double deg, int width) => string.Create(CultureInfo.InvariantCulture, $"{((int)deg).ToString(new string('0', width), CultureInfo.InvariantCulture)}{(deg - (int)deg) * 60:00.0000}");
        var body = string.Create(CultureInfo.InvariantCulture,
            $"GPRMC,{time:HHmmss.ff},A,{Dm(Math.Abs(lat), 2)},{(lat >= 0 ? 'N' : 'S')},{Dm(Math.Abs(lon), 3)},{(lon >= 0 ? 'E' : 'W')},0.5,90.0,{time:ddMMyy},,,A");
        var checksum = body.Aggregate(0, (c, ch) => c ^ ch);
        return string.Create(CultureInfo.InvariantCulture, $"${body}*{checksum:X2}");
    }

    // Another drill, its units enrolled as they report, on a campus at origin with one building 80–120 m north of it.
    private async Task<(string Id, Domain.Geometry.LocalFrame Frame)> OpenDrillAsync(string prefix, string name, Domain.Geometry.GeoPoint origin, string campus, string buildingId, string buildingName)
    {
        var id = $"{prefix}-{Guid.NewGuid():N}"[..16];
        var frame = new Domain.Geometry.LocalFrame(origin);
        object Corner(double e, double n) => frame.ToGeo(new(e, n)) is var p ? new { lat = p.Latitude, lon = p.Longitude } : null!;
        (await host.PostJsonAsync("/api/incidents", new
        {
            id,
            name,
            autoEnrol = true,
            site = new
            {
                name = campus,
                origin = new { lat = origin.Latitude, lon = origin.Longitude },
                buildings = new[] { new { id = buildingId, name = buildingName, floors = 1, footprint = new[] { Corner(-20, 80), Corner(20, 80), Corner(20, 120), Corner(-20, 120) } } },
                zones = Array.Empty<object>(),
            },
        })).EnsureSuccessStatusCode();
        return (id, frame);
    }
}
