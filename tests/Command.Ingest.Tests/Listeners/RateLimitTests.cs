using Command.Ingest.Listeners;
using Command.Ingest.Tests.Cot;
using Command.Ingest.Tests.Nmea;

namespace Command.Ingest.Tests.Listeners;

/// <summary>Rate limits follow the sending address, and a relay on the allow-list gets limits of its own.</summary>
public sealed class RateLimitTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_new_source_port_per_datagram_does_not_get_past_the_rate_limit()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Cot:Udp:RateBurst"] = "3", ["Ingest:Cot:Udp:RatePerSecond"] = "1" });
        for (var i = 0; i < 5; i++)
        {
            await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(uid: $"HOP-{i}"), from: "127.0.0.2");
        }

        await rig.Meters.RejectedAsync("rate-limited", 2);
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(uid: "OTHER"), from: "127.0.0.3");

        var delivered = await rig.Port.WaitForAsync(4);
        Assert.Equal(["HOP-0", "HOP-1", "HOP-2", "OTHER"], delivered.Select(d => d.Report!.UnitId));
        Assert.Equal(2, rig.Meters.Rejected("rate-limited", "CoT"));
        // The log names the settings a relay's address needs raised.
        Assert.Contains(rig.Log.Lines("RejectionLog"), l => l.Contains(
            "127.0.0.2 is sending faster than its rate limit (Ingest:Cot:Udp:RatePerSecond; a relay sending for many units gets one of its own with Ingest:Cot:Udp:Allow:<n>:Address and RatePerSecond)", StringComparison.Ordinal));
        // The listener stands throttled, for the incidents it feeds to say why the units it carries go stale.
        var udp = rig.Source("Ingest:Cot:Udp");
        Assert.Equal(SourceCondition.Throttled, udp.Condition);
        Assert.StartsWith("127.0.0.2 sends faster than its rate limit", udp.Detail, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_relay_on_the_allow_list_sends_at_its_own_larger_limit()
    {
        await using var rig = await IngestRig.StartAsync(new()
        {
            ["Ingest:Cot:Udp:RateBurst"] = "3",
            ["Ingest:Cot:Udp:RatePerSecond"] = "1",
            ["Ingest:Cot:Udp:Allow:0:Address"] = "127.0.0.0/8",
            ["Ingest:Cot:Udp:Allow:1:Address"] = "127.0.0.9",
            ["Ingest:Cot:Udp:Allow:1:RateBurst"] = "100",
        });
        for (var i = 0; i < 30; i++)
        {
            await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(uid: $"RELAYED-{i}"), from: "127.0.0.9");
        }

        for (var i = 0; i < 5; i++)
        {
            await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(uid: $"RADIO-{i}"), from: "127.0.0.2");
        }

        await rig.Meters.ReceivedAsync("CoT", 35);
        await rig.Meters.RejectedAsync("rate-limited", 2);
        var delivered = await rig.Port.WaitForAsync(33);

        Assert.Equal(30, delivered.Count(d => d.Report!.UnitId.StartsWith("RELAYED-", StringComparison.Ordinal)));
        Assert.Equal(["RADIO-0", "RADIO-1", "RADIO-2"], delivered.Where(d => d.Report!.UnitId.StartsWith("RADIO-", StringComparison.Ordinal)).Select(d => d.Report!.UnitId));
        Assert.Equal(2, rig.Meters.Rejected("rate-limited", "CoT"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Nmea_sentences_of_no_position_take_nothing_of_the_rate_and_a_flood_of_junk_is_still_cut_off()
    {
        // A receiver at 1 Hz sends GGA, GSA, three GSV, RMC and VTG: counted line by line, its satellites used up the
        // budget of the address a serial-to-TCP gateway shares among several receivers, and fixes were lost.
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Nmea:Tcp:RateBurst"] = "3", ["Ingest:Nmea:Tcp:RatePerSecond"] = "1" });
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        var epochs = string.Concat(Enumerable.Range(5, 3).Select(Epoch));

        await IngestRig.SendAsync(client, "UNIT N25 NOV25\r\n" + epochs + "$GPRMC,junk*00\r\n$GPGGA,junk*00\r\n");
        await rig.Meters.RejectedAsync("rate-limited", 2);
        var delivered = await rig.Port.WaitForAsync(3);

        Assert.Equal([55, 56, 57], delivered.Select(d => d.Report!.FixTime.Second));
        Assert.Equal(2, rig.Meters.Rejected("rate-limited", "Nmea"));
    }

    /// <summary>The seven sentences a receiver sends for its fix at 14:59:5<paramref name="second"/>.</summary>
    private static string Epoch(int second) => string.Concat(new[]
    {
        $"GPGGA,14595{second}.000,3944.3520,N,10459.4180,W,1,08,0.9,1600.0,M,-20.0,M,,",
        "GPGSA,A,3,04,05,09,12,,,,,,,,,2.5,1.3,2.1",
        "GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00",
        "GPGSV,3,2,11,14,25,170,00,16,57,208,39,18,67,296,40,19,40,246,00",
        "GPGSV,3,3,11,22,42,067,42,24,14,311,43,27,05,244,00",
        $"GPRMC,14595{second}.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A",
        "GPVTG,90.0,T,,M,1.0,N,1.9,K,A",
    }.Select(body => NmeaDecoderTests.WithChecksum(body) + "\r\n"));
}
