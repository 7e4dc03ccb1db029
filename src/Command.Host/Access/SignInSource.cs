using System.Net;
using System.Net.Sockets;

namespace Command.Host.Access;

/// <summary>
/// Where failed sign-ins are counted from, as listed and lifted: an IPv4 address as it is (one a dual-stack socket
/// names as <c>::ffff:10.20.1.7</c> too), an IPv6 address by its /64 (<c>2001:db8:7:1::/64</c>). A device on an IPv6
/// network takes whichever addresses of its /64 it likes, a new one for each guess if it wants, so counted by address
/// the throttle would let it guess without end.
/// </summary>
public static class SignInSource
{
    /// <summary>The bits of an IPv6 address that name its network, as a LAN hands it out. 64.</summary>
    public const int Ipv6NetworkBits = 64;

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, Ipv6NetworkBits / 8, bytes.Length - (Ipv6NetworkBits / 8));
        return $"{new IPAddress(bytes)}/{Ipv6NetworkBits}";
    }

    /// <summary>
    /// What an admin names to lift a lock-out, as the list shows it (its '/' sent as %2F or not) or by any address in
    /// an IPv6 network shut out; anything else as given.
    /// </summary>
    public static string Named(string text)
    {
        var unescaped = text.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var address = unescaped.EndsWith($"/{Ipv6NetworkBits}", StringComparison.Ordinal) ? unescaped[..^($"/{Ipv6NetworkBits}".Length)] : unescaped;
        return IPAddress.TryParse(address, out var parsed) ? Of(parsed) : unescaped;
    }
}
