using Command.Ingest.Tests.Cot;

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
}
