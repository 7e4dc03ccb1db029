using System.Net;

namespace Command.Ingest.Listeners;

/// <summary>
/// A listener's allow-list, read once: who may send, and what each gets. The most specific range that holds an
/// address decides, so a relay inside an allowed network can have limits of its own.
/// </summary>
public sealed class SourcePolicy
{
    /// <summary>What an empty allow-list means for a radio listener: loopback only.</summary>
    public static readonly AllowedSource[] Loopback = [new() { Address = "127.0.0.0/8" }, new() { Address = "::1" }];

    /// <summary>What an empty allow-list means for CoT over TLS, where the certificate admits: every address (hostile markers from loopback only).</summary>
    public static readonly AllowedSource[] Anywhere = [.. Loopback, new() { Address = "0.0.0.0/0" }, new() { Address = "::/0" }];

    private readonly (IPNetwork Range, SourceGrant Grant)[] entries;

    private SourcePolicy((IPNetwork, SourceGrant)[] entries) => this.entries = entries;

    /// <summary>The policy of checked options (<see cref="ListenerOptionsCheck"/>); an empty list takes <paramref name="defaults"/>.</summary>
    public static SourcePolicy Of(string section, ListenerOptions options, IReadOnlyList<AllowedSource> defaults)
    {
        var configured = options.Allow.Length > 0;
        var list = configured ? options.Allow : defaults;
        var perAddress = (options as TcpListenerOptions)?.MaxConnectionsPerAddress ?? int.MaxValue;
        var entries = list.Select((source, i) =>
        {
            if (!SourceRange.TryParse(source.Address, out var range, out var error))
            {
                throw new ArgumentException($"{section}:Allow:{i}:Address {error}", nameof(options));
            }

            var key = configured ? $"{section}:Allow:{i}" : $"{section}:Allow (default)";
            return (range, new SourceGrant(range.ToString(), key, source.RatePerSecond ?? options.RatePerSecond, source.RateBurst ?? options.RateBurst,
                source.MaxConnections ?? perAddress, source.HostileMarkers ?? SourceRange.IsLoopback(range)));
        });
        return new SourcePolicy([.. entries.OrderByDescending(e => e.range.PrefixLength)]);
    }

    /// <summary>What the sender at <paramref name="address"/> may do, or null when it is not on the list.</summary>
    public SourceGrant? Admit(IPAddress address)
    {
        address = SourceRange.Normal(address);
        foreach (var (range, grant) in entries)
        {
            if (range.Contains(address))
            {
                return grant;
            }
        }

        return null;
    }
}
