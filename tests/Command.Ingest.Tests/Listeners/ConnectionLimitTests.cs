using Command.Ingest.Listeners;
using Command.Ingest.Tests.Cot;

namespace Command.Ingest.Tests.Listeners;

/// <summary>What keeps a few hostile sockets from locking every radio out: connection caps and an idle timeout that only positions reset.</summary>
public sealed class ConnectionLimitTests
{
    private const string Position = "K1ABC>APRS:!3944.35N/10459.42W>\n";

    [Fact(Timeout = 30_000)]
    public async Task Connections_beyond_the_total_limit_are_closed_on_accept_and_counted()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Aprs:Tcp:MaxConnections"] = "1" });
        var port = rig.Listener<AprsTcpListener>().BoundPort!.Value;
        using var first = await IngestRig.ConnectAsync(port, "127.0.0.2");
        await IngestRig.SendAsync(first, Position);
        await rig.Port.WaitForAsync(1);

        using var second = await IngestRig.ConnectAsync(port, "127.0.0.3");

        Assert.True(await IngestRig.ClosedAsync(second));
        await IngestRig.SendAsync(first, "K1ABC>APRS:!3944.36N/10459.42W>\n");
        Assert.Equal(2, (await rig.Port.WaitForAsync(2)).Count);
        Assert.Equal(1, rig.Meters.Rejected("limit-reached", "Aprs"));
    }

    [Fact(Timeout = 30_000)]
    public async Task One_address_may_hold_only_its_own_share_of_the_connections()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Aprs:Tcp:MaxConnectionsPerAddress"] = "2" });
        var port = rig.Listener<AprsTcpListener>().BoundPort!.Value;
        using var first = await IngestRig.ConnectAsync(port, "127.0.0.2");
        using var second = await IngestRig.ConnectAsync(port, "127.0.0.2");
        await IngestRig.SendAsync(first, "FIRST>APRS:!3944.35N/10459.42W>\n");
        await IngestRig.SendAsync(second, "SECOND>APRS:!3944.35N/10459.42W>\n");
        await rig.Port.WaitForAsync(2);

        using var third = await IngestRig.ConnectAsync(port, "127.0.0.2");
        Assert.True(await IngestRig.ClosedAsync(third));
        using var other = await IngestRig.ConnectAsync(port, "127.0.0.3");
        await IngestRig.SendAsync(other, "OTHER>APRS:!3944.35N/10459.42W>\n");

        var delivered = await rig.Port.WaitForAsync(3);
        Assert.Equal(["FIRST", "OTHER", "SECOND"], delivered.Select(d => d.Report!.UnitId).Order());
        Assert.Equal(1, rig.Meters.Rejected("limit-reached", "Aprs"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_relay_on_the_allow_list_may_hold_more_connections_than_one_radio()
    {
        await using var rig = await IngestRig.StartAsync(new()
        {
            ["Ingest:Aprs:Tcp:MaxConnectionsPerAddress"] = "1",
            ["Ingest:Aprs:Tcp:Allow:0:Address"] = "127.0.0.0/8",
            ["Ingest:Aprs:Tcp:Allow:1:Address"] = "127.0.0.9",
            ["Ingest:Aprs:Tcp:Allow:1:MaxConnections"] = "3",
        });
        var port = rig.Listener<AprsTcpListener>().BoundPort!.Value;
        var relay = new List<System.Net.Sockets.TcpClient>();
        for (var i = 0; i < 3; i++)
        {
            relay.Add(await IngestRig.ConnectAsync(port, "127.0.0.9"));
            await IngestRig.SendAsync(relay[i], $"RELAY-{i}>APRS:!3944.35N/10459.42W>\n");
        }

        var delivered = await rig.Port.WaitForAsync(3);
        using var fourth = await IngestRig.ConnectAsync(port, "127.0.0.9");

        Assert.True(await IngestRig.ClosedAsync(fourth));
        Assert.Equal(["RELAY-0", "RELAY-1", "RELAY-2"], delivered.Select(d => d.Report!.UnitId).Order());
        relay.ForEach(c => c.Dispose());
    }

    [Fact(Timeout = 30_000)]
    public async Task Empty_lines_logins_and_junk_do_not_keep_an_idle_connection_open()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Aprs:Tcp:IdleTimeout"] = "00:02:00" });
        using var client = await IngestRig.ConnectAsync(rig.Listener<AprsTcpListener>().BoundPort!.Value);
        await IngestRig.SendAsync(client, Position);
        await rig.Port.WaitForAsync(1);

        rig.Clock.Advance(TimeSpan.FromSeconds(90));
        // A line ends at CR, LF or CRLF, and an empty one is no message: the position, the login and the junk are three.
        await IngestRig.SendAsync(client, "\n\r\nuser N0CALL pass -1\njunk\n");
        await rig.Meters.ReceivedAsync("Aprs", 3);
        rig.Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.True(await IngestRig.ClosedAsync(client));
    }

    [Fact(Timeout = 30_000)]
    public async Task Heartbeats_alone_keep_no_connection_open()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Aprs:Tcp:IdleTimeout"] = "00:02:00" });
        using var client = await IngestRig.ConnectAsync(rig.Listener<AprsTcpListener>().BoundPort!.Value);
        // A line is counted as it comes, before the listener takes it: a heartbeat sent after another is the listener's
        // word, once counted, that it took the one before, so the clock moves on only once each is taken.
        for (var i = 1; i <= 4; i++)
        {
            await IngestRig.SendAsync(client, "#\r\n#\r\n");
            await rig.Meters.ReceivedAsync("Aprs", 2 * i);
            rig.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        rig.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await IngestRig.ClosedAsync(client));
    }

    [Fact(Timeout = 30_000)]
    public async Task Heartbeats_keep_a_connection_that_sent_a_position_open_for_half_an_hour_after_it()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Aprs:Tcp:IdleTimeout"] = "00:02:00" });
        using var client = await IngestRig.ConnectAsync(rig.Listener<AprsTcpListener>().BoundPort!.Value);
        // A Dire Wolf IGate relaying a tracker that beacons every half hour standing still: a heartbeat every 30 s.
        await IngestRig.SendAsync(client, "user N0CALL-10 pass 12345 vers Dire-Wolf 1.7\r\n" + Position);
        await rig.Port.WaitForAsync(1);
        var lines = 2;
        for (var s = 30; s <= 29 * 60; s += 30)
        {
            rig.Clock.Advance(TimeSpan.FromSeconds(30));
            await IngestRig.SendAsync(client, "#\r\n");
            await rig.Meters.ReceivedAsync("Aprs", ++lines);
        }

        rig.Clock.Advance(TimeSpan.FromSeconds(30));
        await IngestRig.SendAsync(client, "K1ABC>APRS:!3944.36N/10459.42W>\r\n");
        await rig.Port.WaitForAsync(2);
        lines++;
        for (var s = 30; s < 30 * 60; s += 30)
        {
            rig.Clock.Advance(TimeSpan.FromSeconds(30));
            await IngestRig.SendAsync(client, "#\r\n");
            await rig.Meters.ReceivedAsync("Aprs", ++lines);
        }

        // Half an hour after the last position, a heartbeat keeps it no longer.
        rig.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await IngestRig.ClosedAsync(client));
        Assert.Equal(2, rig.Port.Snapshot().Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_copy_of_a_packet_another_igate_sent_first_keeps_its_connection_open_as_a_position_does()
    {
        // Two IGates hearing the same trackers: the one that always came second sent only copies, passed over, and was cut
        // off as idle every two minutes, losing what it alone heard while it connected again.
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Aprs:Tcp:IdleTimeout"] = "00:02:00" });
        var port = rig.Listener<AprsTcpListener>().BoundPort!.Value;
        using var first = await IngestRig.ConnectAsync(port);
        using var second = await IngestRig.ConnectAsync(port);
        await IngestRig.SendAsync(first, Position);
        await rig.Port.WaitForAsync(1);
        await IngestRig.SendAsync(second, Position + "#\r\n");
        await rig.Meters.ReceivedAsync("Aprs", 3);

        // Its heartbeats hold it open as they do a connection that has sent a position, past its first idle timeout.
        var lines = 3;
        for (var s = 30; s <= 150; s += 30)
        {
            rig.Clock.Advance(TimeSpan.FromSeconds(30));
            await IngestRig.SendAsync(second, "#\r\n");
            await rig.Meters.ReceivedAsync("Aprs", ++lines);
        }

        await IngestRig.SendAsync(second, "K2DEF-7>APRS:!3944.36N/10459.43W>\r\n");
        var delivered = await rig.Port.WaitForUnitAsync("K2DEF-7");

        Assert.Equal(2, delivered.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_position_keeps_the_connection_open_for_another_idle_timeout()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Aprs:Tcp:IdleTimeout"] = "00:02:00" });
        using var client = await IngestRig.ConnectAsync(rig.Listener<AprsTcpListener>().BoundPort!.Value);
        await IngestRig.SendAsync(client, Position);
        await rig.Port.WaitForAsync(1);

        rig.Clock.Advance(TimeSpan.FromSeconds(90));
        await IngestRig.SendAsync(client, "K1ABC>APRS:!3944.36N/10459.42W>\n");
        await rig.Port.WaitForAsync(2);
        rig.Clock.Advance(TimeSpan.FromSeconds(90));
        await IngestRig.SendAsync(client, "K1ABC>APRS:!3944.37N/10459.42W>\n");
        await rig.Port.WaitForAsync(3);
        rig.Clock.Advance(TimeSpan.FromSeconds(120));

        Assert.True(await IngestRig.ClosedAsync(client));
        Assert.Equal(3, rig.Port.Snapshot().Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_fix_that_says_it_stands_longer_keeps_its_cot_connection_open_that_long()
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);
        // ATAK standing still through a server: a report every 180 s, each saying its fix stands 375 s.
        await IngestRig.SendAsync(client, CotParserTests.Event(stale: "2026-03-14T15:06:15Z"));
        await rig.Port.WaitForAsync(1);

        rig.Clock.Advance(TimeSpan.FromSeconds(180));
        await IngestRig.SendAsync(client, CotParserTests.Event(time: "time='2026-03-14T15:03:00Z'", stale: "2026-03-14T15:09:15Z"));
        await rig.Port.WaitForAsync(2);
        rig.Clock.Advance(TimeSpan.FromSeconds(376));

        Assert.True(await IngestRig.ClosedAsync(client));
        Assert.Equal(2, rig.Port.Snapshot().Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_fix_that_says_it_stands_a_day_keeps_its_connection_ten_minutes_at_most()
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);
        await IngestRig.SendAsync(client, CotParserTests.Event(stale: "2026-03-15T15:00:00Z"));
        await rig.Port.WaitForAsync(1);

        rig.Clock.Advance(TimeSpan.FromMinutes(9));
        await IngestRig.SendAsync(client, CotParserTests.Event(time: "time='2026-03-14T15:09:00Z'", stale: "2026-03-15T15:09:00Z"));
        await rig.Port.WaitForAsync(2);
        rig.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.True(await IngestRig.ClosedAsync(client));
    }
}
