using System.Net;
using Command.Ingest.Listeners;

namespace Command.Ingest.Tests.Listeners;

public sealed class SourcePolicyTests
{
    private static SourcePolicy Policy(params AllowedSource[] allow) =>
        SourcePolicy.Of("Ingest:Cot:Udp", new UdpListenerOptions { Allow = allow, RatePerSecond = 20, RateBurst = 40 }, SourcePolicy.Loopback);

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.200.3.4", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("fe80::1", false)]
    public void By_default_only_loopback_is_admitted(string address, bool admitted) =>
        Assert.Equal(admitted, Policy().Admit(IPAddress.Parse(address)) is not null);

    [Fact]
    public void The_most_specific_range_decides_and_fills_in_the_listeners_limits()
    {
        var policy = Policy(
            new AllowedSource { Address = "10.0.0.0/8" },
            new AllowedSource { Address = "10.1.2.3", RatePerSecond = 500, RateBurst = 1000, HostileMarkers = true });

        Assert.Equal(new SourceGrant("10.1.2.3/32", "Ingest:Cot:Udp:Allow:1", 500, 1000, int.MaxValue, true), policy.Admit(IPAddress.Parse("10.1.2.3")));
        Assert.Equal(new SourceGrant("10.0.0.0/8", "Ingest:Cot:Udp:Allow:0", 20, 40, int.MaxValue, false), policy.Admit(IPAddress.Parse("10.1.2.4")));
        Assert.Null(policy.Admit(IPAddress.Loopback));
    }

    [Fact]
    public void Hostile_markers_are_off_for_any_range_but_loopback_unless_an_entry_says_otherwise()
    {
        var policy = Policy(
            new AllowedSource { Address = "127.0.0.0/8" },
            new AllowedSource { Address = "192.168.0.0/16" },
            new AllowedSource { Address = "10.9.9.9", HostileMarkers = true },
            new AllowedSource { Address = "127.0.0.5", HostileMarkers = false });

        Assert.Equal(
            [true, false, true, false],
            new[] { "127.0.0.1", "192.168.4.4", "10.9.9.9", "127.0.0.5" }.Select(a => policy.Admit(IPAddress.Parse(a))!.HostileMarkers));
    }

    [Fact]
    public void Over_tls_every_address_may_connect_but_only_loopback_may_set_the_threat()
    {
        var policy = SourcePolicy.Of("Ingest:Cot:Tls", new TlsListenerOptions(), SourcePolicy.Anywhere);

        Assert.Equal((true, false), (policy.Admit(IPAddress.Loopback)!.HostileMarkers, policy.Admit(IPAddress.Parse("203.0.113.9"))!.HostileMarkers));
    }
}
