using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Command.Ingest.Listeners;

/// <summary>How an allow-list's addresses are read and how a sender's address is compared with them.</summary>
public static class SourceRange
{
    private static readonly IPNetwork LoopbackV4 = new(IPAddress.Loopback, 8);

    /// <summary>Reads "10.1.2.3" (one address) or "10.1.0.0/16"; the error says what is wrong otherwise.</summary>
    public static bool TryParse(string? text, out IPNetwork range, [NotNullWhen(false)] out string? error)
    {
        range = default;
        error = null;
        var value = text?.Trim() ?? "";
        if (!value.Contains('/'))
        {
            if (IPAddress.TryParse(value, out var address))
            {
                address = Normal(address);
                range = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
                return true;
            }

            error = $"'{value}' is not an address or a CIDR range";
            return false;
        }

        if (IPNetwork.TryParse(value, out range))
        {
            return true;
        }

        error = $"'{value}' is not a CIDR range (a base address with no bits set past the prefix, and a prefix length)";
        return false;
    }

    /// <summary>True when every address of the range is a loopback address.</summary>
    public static bool IsLoopback(IPNetwork range) =>
        range.BaseAddress.AddressFamily == AddressFamily.InterNetwork
            ? range.PrefixLength >= 8 && LoopbackV4.Contains(range.BaseAddress)
            : range.PrefixLength == 128 && range.BaseAddress.Equals(IPAddress.IPv6Loopback);

    /// <summary>A sender's address as ranges hold it: an IPv4 address mapped into IPv6 (a dual-mode socket) is read as IPv4.</summary>
    public static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>The address of a remote endpoint, normalised; <see cref="IPAddress.None"/> when it has none.</summary>
    public static IPAddress AddressOf(EndPoint? remote) => remote is IPEndPoint ip ? Normal(ip.Address) : IPAddress.None;
}
