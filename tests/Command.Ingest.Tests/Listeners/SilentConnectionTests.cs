using System.Net.Sockets;
using Command.Ingest.Listeners;
using Command.Ingest.Tests.Cot;
using static Command.Ingest.Tests.Nmea.NmeaDecoderTests;

namespace Command.Ingest.Tests.Listeners;

/// <summary>
/// What keeps sockets opened and left silent (or sent part of a message and no more) from holding a TCP listener's
/// connections and locking out the radios that reconnect: a first-message deadline, and a newcomer taking the place of a
/// connection that has sent no position when every place is taken.
/// </summary>
public sealed class SilentConnectionTests
{
    private static readonly string Rmc = WithChecksum("GPRMC,145955.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A") + "\r\n";

    private static readonly string Gga = WithChecksum("GPGGA,145955.000,3944.3520,N,10459.4180,W,1,08,1.2,1600.0,M,-20.0,M,,") + "\r\n";

    [Fact(Timeout = 30_000)]
    public async Task A_cot_connection_that_sends_part_of_an_event_and_no_more_is_closed_at_its_first_message_deadline()
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);
        await IngestRig.SendAsync(client, "<even");
        await rig.Meters.ConnectionsAsync("CoT", 1);

        rig.Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.True(await IngestRig.ClosedAsync(client));
        Assert.Equal(1, rig.Meters.Rejected("limit-reached", "CoT"));
        Assert.Contains(rig.Log.Lines("RejectionLog"), l => l.Contains("connection from 127.0.0.1 closed: no whole message within 10 s of connecting (Ingest:Cot:Tcp:FirstMessageTimeout)", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_line_of_junk_is_no_first_message()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Nmea:Tcp:FirstMessageTimeout"] = "00:00:05" });
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        await IngestRig.SendAsync(client, "junk\r\n$GPRMC,14");
        await rig.Meters.ReceivedAsync("Nmea", 1);

        rig.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.True(await IngestRig.ClosedAsync(client));
        Assert.Equal(1, rig.Meters.Rejected("limit-reached", "Nmea"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_gateway_that_sends_the_rest_of_a_line_first_and_then_sentences_keeps_its_connection()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Nmea:Tcp:UnitId"] = "E3" });
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        // Plugged in mid-sentence: the tail of one, then a receiver with no fix yet, sentences of no position. A sentence
        // is counted as it comes, before the listener takes it as the connection's first: the third counted is the
        // listener's word that it took the second.
        var noFix = WithChecksum("GPGSA,A,1,,,,,,,,,,,,,99.9,99.9,99.9") + "\r\n";
        await IngestRig.SendAsync(client, "1600.0,M,-20.0,M,,*47\r\n" + noFix + noFix);
        await rig.Meters.ReceivedAsync("Nmea", 3);

        rig.Clock.Advance(TimeSpan.FromSeconds(60));
        await IngestRig.SendAsync(client, Rmc + Gga);

        // The tail is refused as malformed and recorded, as any line of junk is.
        var delivered = await rig.Port.WaitForUnitAsync("E3");
        Assert.Equal([null, "E3"], delivered.Select(d => d.Report?.UnitId).Order());
        Assert.Equal(0, rig.Meters.Rejected("limit-reached", "Nmea"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_tak_client_whose_first_event_comes_within_seconds_keeps_its_connection_to_the_idle_timeout()
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);
        await rig.Meters.ConnectionsAsync("CoT", 1);

        rig.Clock.Advance(TimeSpan.FromSeconds(3));
        await IngestRig.SendAsync(client, CotParserTests.Event(time: "time='2026-03-14T15:00:03Z'"));
        await rig.Port.WaitForAsync(1);
        rig.Clock.Advance(TimeSpan.FromSeconds(100));
        await IngestRig.SendAsync(client, CotParserTests.Event(time: "time='2026-03-14T15:01:43Z'"));

        Assert.Equal(2, (await rig.Port.WaitForAsync(2)).Count);
        Assert.Equal(0, rig.Meters.Rejected("limit-reached", "CoT"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_radio_gets_in_while_silent_sockets_hold_every_place_taking_the_place_of_the_oldest()
    {
        await using var rig = await IngestRig.StartAsync(new()
        {
            ["Ingest:Nmea:Tcp:MaxConnections"] = "4",
            ["Ingest:Nmea:Tcp:MaxConnectionsPerAddress"] = "2",
        });
        var port = rig.Listener<NmeaTcpListener>().BoundPort!.Value;
        var silent = new List<TcpClient>();
        foreach (var from in new[] { "127.0.0.2", "127.0.0.2", "127.0.0.3", "127.0.0.3" })
        {
            silent.Add(await IngestRig.ConnectAsync(port, from));
            await IngestRig.SendAsync(silent[^1], "<even");
            await rig.Meters.ConnectionsAsync("Nmea", silent.Count);
        }

        using var radio = await IngestRig.ConnectAsync(port, "127.0.0.50");
        await IngestRig.SendAsync(radio, "UNIT NMEA-Y TEST\r\n" + Rmc + Gga);

        Assert.Equal("NMEA-Y", Assert.Single(await rig.Port.WaitForAsync(1)).Report?.UnitId);
        Assert.True(await IngestRig.ClosedAsync(silent[0]));
        Assert.Equal(1, rig.Meters.Rejected("limit-reached", "Nmea"));
        Assert.Contains(rig.Log.Lines("RejectionLog"), l => l.Contains("connection from 127.0.0.2 closed, open 0 s with no position, for one from 127.0.0.50", StringComparison.Ordinal));
        silent.ForEach(c => c.Dispose());
    }

    [Fact(Timeout = 30_000)]
    public async Task The_address_holding_the_most_silent_connections_gives_one_up_before_a_radio_that_has_not_spoken_yet()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Cot:Tcp:MaxConnections"] = "3" });
        var port = rig.Listener<CotTcpListener>().BoundPort!.Value;
        // The radio connected first, and is the oldest: the address with two silent sockets gives way all the same.
        using var radio = await IngestRig.ConnectAsync(port, "127.0.0.5");
        await rig.Meters.ConnectionsAsync("CoT", 1);
        using var first = await IngestRig.ConnectAsync(port, "127.0.0.2");
        await rig.Meters.ConnectionsAsync("CoT", 2);
        using var second = await IngestRig.ConnectAsync(port, "127.0.0.2");
        await rig.Meters.ConnectionsAsync("CoT", 3);

        using var newcomer = await IngestRig.ConnectAsync(port, "127.0.0.6");
        await rig.Meters.RejectedAsync("limit-reached", 1);
        await IngestRig.SendAsync(radio, CotParserTests.Event(uid: "RADIO"));
        await IngestRig.SendAsync(newcomer, CotParserTests.Event(uid: "NEWCOMER"));

        Assert.Equal(["NEWCOMER", "RADIO"], (await rig.Port.WaitForAsync(2)).Select(d => d.Report!.UnitId).Order());
        Assert.True(await IngestRig.ClosedAsync(first));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_newcomer_is_refused_when_every_connection_has_sent_a_position()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Cot:Tcp:MaxConnections"] = "2" });
        var port = rig.Listener<CotTcpListener>().BoundPort!.Value;
        using var first = await IngestRig.ConnectAsync(port, "127.0.0.2");
        using var second = await IngestRig.ConnectAsync(port, "127.0.0.3");
        await IngestRig.SendAsync(first, CotParserTests.Event(uid: "FIRST"));
        await IngestRig.SendAsync(second, CotParserTests.Event(uid: "SECOND"));
        await rig.Port.WaitForAsync(2);

        using var newcomer = await IngestRig.ConnectAsync(port, "127.0.0.4");

        Assert.True(await IngestRig.ClosedAsync(newcomer));
        Assert.Contains(rig.Log.Lines("RejectionLog"), l => l.Contains("connection from 127.0.0.4 refused: 2 connections are open, the most this listener holds, and every one has sent a position", StringComparison.Ordinal));
    }
}
