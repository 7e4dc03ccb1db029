using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Command.Ingest.Listeners;

/// <summary>
/// Refuses listener settings that could not work, when the host starts rather than when the first radio calls:
/// every failure names its configuration key and the value given.
/// </summary>
public static class ListenerOptionsCheck
{
    /// <summary>Throws <see cref="OptionsValidationException"/> listing every failure of <paramref name="options"/>, bound from <paramref name="section"/>.</summary>
    public static T Checked<T>(string section, T options)
        where T : ListenerOptions
    {
        var failures = Failures(section, options);
        return failures.Count == 0 ? options : throw new OptionsValidationException(section, typeof(T), failures);
    }

    public static List<string> Failures(string section, ListenerOptions o)
    {
        var failures = new List<string>();
        Check(failures, IPAddress.TryParse(o.BindAddress, out _), $"{section}:BindAddress '{o.BindAddress}' is not an IP address.");
        Check(failures, o.Port is >= 0 and <= 65535, $"{section}:Port {o.Port} is not 0 to 65535.");
        Check(failures, o.RatePerSecond > 0, $"{section}:RatePerSecond {o.RatePerSecond} must be more than 0.");
        Check(failures, o.RateBurst >= 1, $"{section}:RateBurst {o.RateBurst} must be at least 1.");
        Check(failures, o.MaxSenders >= 1, $"{section}:MaxSenders {o.MaxSenders} must be at least 1.");
        for (var i = 0; i < o.Allow.Length; i++)
        {
            var entry = o.Allow[i];
            var key = $"{section}:Allow:{i}";
            if (!SourceRange.TryParse(entry.Address, out _, out var error))
            {
                failures.Add($"{key}:Address {error}.");
            }

            Check(failures, entry.RatePerSecond is null or > 0, $"{key}:RatePerSecond {entry.RatePerSecond} must be more than 0.");
            Check(failures, entry.RateBurst is null or >= 1, $"{key}:RateBurst {entry.RateBurst} must be at least 1.");
            Check(failures, entry.MaxConnections is null or >= 1, $"{key}:MaxConnections {entry.MaxConnections} must be at least 1.");
        }

        if (o is UdpListenerOptions { MulticastGroup: { } group })
        {
            Check(failures, IPAddress.TryParse(group, out var address) && IsMulticast(address), $"{section}:MulticastGroup '{group}' is not a multicast address.");
            Check(failures, address is null || !IPAddress.TryParse(o.BindAddress, out var local) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
                || local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork,
                $"{section}:BindAddress '{o.BindAddress}' is the interface the IPv4 group {group} is joined on: it must be an IPv4 address (0.0.0.0 for the system's choice).");
        }

        if (o is TcpListenerOptions tcp)
        {
            Check(failures, tcp.MaxConnections >= 1, $"{section}:MaxConnections {tcp.MaxConnections} must be at least 1.");
            Check(failures, tcp.MaxConnectionsPerAddress >= 1, $"{section}:MaxConnectionsPerAddress {tcp.MaxConnectionsPerAddress} must be at least 1.");
            Check(failures, tcp.MaxFrameBytes >= 64, $"{section}:MaxFrameBytes {tcp.MaxFrameBytes} must be at least 64.");
            Check(failures, tcp.IdleTimeout > TimeSpan.Zero, $"{section}:IdleTimeout {tcp.IdleTimeout.ToString("c", CultureInfo.InvariantCulture)} must be positive.");
            Check(failures, tcp.FirstMessageTimeout > TimeSpan.Zero, $"{section}:FirstMessageTimeout {tcp.FirstMessageTimeout.ToString("c", CultureInfo.InvariantCulture)} must be positive.");
        }

        return failures;
    }

    private static bool IsMulticast(IPAddress address) =>
        address.IsIPv6Multicast || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && (address.GetAddressBytes()[0] & 0xF0) == 0xE0);

    private static void Check(List<string> failures, bool ok, string message)
    {
        if (!ok)
        {
            failures.Add(message);
        }
    }
}
