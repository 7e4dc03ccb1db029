using Command.Ingest.Listeners;
using Command.Ingest.Tests.Cot;

namespace Command.Ingest.Tests.Listeners;

/// <summary>Radios carry no credentials, so each listener admits only the addresses on its allow-list.</summary>
public sealed class AllowListTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_datagram_from_an_address_not_on_the_allow_list_is_dropped_unread_and_counted()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Cot:Udp:Allow:0:Address"] = "127.0.0.2" });
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(uid: "STRANGER"), from: "127.0.0.1");
        await rig.Meters.RejectedAsync("not-allowed", 1);
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(uid: "ALLOWED"), from: "127.0.0.2");

        var delivered = await rig.Port.WaitForAsync(1);

        Assert.Equal("ALLOWED", Assert.Single(delivered).Report?.UnitId);
        Assert.Equal(1, rig.Meters.Rejected("not-allowed", "CoT"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_connection_from_an_address_not_on_the_allow_list_is_closed_on_accept_and_counted()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Nmea:Tcp:Allow:0:Address"] = "127.0.0.0/30" });
        var port = rig.Listener<NmeaTcpListener>().BoundPort!.Value;
        using var stranger = await IngestRig.ConnectAsync(port, "127.0.0.4");

        Assert.True(await IngestRig.ClosedAsync(stranger));
        Assert.Equal(1, rig.Meters.Rejected("not-allowed", "Nmea"));
        using var allowed = await IngestRig.ConnectAsync(port, "127.0.0.3");
        await IngestRig.SendAsync(allowed, "UNIT E3\r\n$GPRMC,145958.000,A,3944.3520,N,10459.4180,W,0.69,181.39,140326,,,A*7D\r\n");
        allowed.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        Assert.Equal("E3", (await rig.Port.WaitForAsync(1))[0].Report?.UnitId);
    }

    [Fact(Timeout = 30_000)]
    public async Task Refusals_at_the_door_are_counted_one_by_one_and_logged_at_a_limited_rate()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Cot:Udp:Allow:0:Address"] = "127.0.0.2" });
        for (var i = 0; i < 20; i++)
        {
            await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(), from: "127.0.0.3");
        }

        await rig.Meters.RejectedAsync("not-allowed", 20);
        rig.Clock.Advance(TimeSpan.FromSeconds(10));
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(), from: "127.0.0.3");
        await rig.Meters.RejectedAsync("not-allowed", 21);

        Assert.Equal(
        [
            "Rejected CoT input: not-allowed (datagram from 127.0.0.3 dropped: it is not on the allow-list (Ingest:Cot:Udp:Allow))",
            "Rejected 19 more CoT input as not-allowed since the last line (the latest: datagram from 127.0.0.3 dropped: it is not on the allow-list (Ingest:Cot:Udp:Allow))",
        ], rig.Log.Lines("RejectionLog"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Loopback_is_the_whole_allow_list_unless_one_is_configured()
    {
        await using var rig = await IngestRig.StartAsync();
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(uid: "LOOPBACK-7"), from: "127.7.7.7");

        Assert.Equal("LOOPBACK-7", (await rig.Port.WaitForAsync(1))[0].Report?.UnitId);
        Assert.Equal(0, rig.Meters.Rejected("not-allowed"));
    }
}
