using System.Net;

namespace Command.Fuzz.Live;

/// <summary>
/// Where each sender sends from. Against a host on loopback, senders are spread over 127.0.0.0/8 (Linux answers on
/// all of it), one address each and a block of addresses per protocol, so the per-address rate limits let every
/// message reach the parsers. Against any other host all senders share this machine's address, and the host must
/// allow it a rate to match (an allow-list entry with its own RatePerSecond and RateBurst).
/// </summary>
public static class SenderAddresses
{
    /// <summary>The address sender <paramref name="sender"/> of protocol number <paramref name="protocol"/> sends from.</summary>
    public static IPAddress For(IPAddress host, int protocol, int sender) =>
        IPAddress.IsLoopback(host)
            ? new IPAddress([127, (byte)(16 + protocol), (byte)(sender / 254 % 256), (byte)(1 + (sender % 254))])
            : host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
}
