namespace Command.Ingest.Listeners;

/// <summary>
/// One entry of a listener's allow-list (<c>Ingest:&lt;listener&gt;:Allow:&lt;n&gt;</c>): the addresses it admits and,
/// optionally, limits of their own. A relay (a TAK Server forwarding a hundred units, phones behind one NAT) sends
/// from one address, so its entry can give that address more than a single radio needs.
/// </summary>
public sealed record AllowedSource
{
    /// <summary>An address (10.1.2.3, fd00::7) or a CIDR range (10.1.0.0/16, fd00::/8). Required.</summary>
    public string Address { get; init; } = "";

    /// <summary>Messages per second each address of the range may send, sustained; null uses the listener's <c>RatePerSecond</c>. Default null.</summary>
    public double? RatePerSecond { get; init; }

    /// <summary>Burst each address of the range may send; null uses the listener's <c>RateBurst</c>. Default null.</summary>
    public int? RateBurst { get; init; }

    /// <summary>Open connections each address of the range may hold (TCP); null uses the listener's <c>MaxConnectionsPerAddress</c>. Default null.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>
    /// Whether hostile CoT markers (<c>a-h-…</c>) from the range may set the incident's threat; when not, they are
    /// refused as not-allowed and recorded. Null (the default) allows it for loopback ranges only.
    /// </summary>
    public bool? HostileMarkers { get; init; }
}
