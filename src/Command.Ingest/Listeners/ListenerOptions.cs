using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>What every listener has: whether it runs, where it binds, where its reports go, and its flood limit.</summary>
public record ListenerOptions
{
    /// <summary>Run this listener. Default true (the CoT multicast listener: false).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Address to bind. Default "127.0.0.1", like the host, so a first run is not reachable from the network by
    /// accident; set "0.0.0.0" for radios and gateways on the local network.
    /// </summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>Port to bind; 0 picks a free one (tests). Defaults: CoT UDP and TCP 8087, multicast 6969, NMEA 10110, APRS 14580.</summary>
    public int Port { get; init; }

    /// <summary>Incident this listener feeds; null uses <c>Ingest:Incident</c>. Default null.</summary>
    public string? Incident { get; init; }

    /// <summary>Unknown-unit policy for this listener; null uses <c>Ingest:UnknownUnits</c>. Default null.</summary>
    public UnknownUnitPolicy? UnknownUnits { get; init; }

    /// <summary>Messages per second one remote endpoint may send, sustained. Default 20.</summary>
    public double RatePerSecond { get; init; } = 20;

    /// <summary>Messages one remote endpoint may send in a burst above the sustained rate. Default 40.</summary>
    public int RateBurst { get; init; } = 40;
}

/// <summary>A UDP listener; for multicast, the group it joins.</summary>
public sealed record UdpListenerOptions : ListenerOptions
{
    /// <summary>Multicast group to join, or null for plain unicast. Default null (the multicast listener: 239.2.3.1).</summary>
    public string? MulticastGroup { get; init; }
}

/// <summary>A TCP listener of framed messages, with the limits that keep a hostile client from exhausting the host.</summary>
public record TcpListenerOptions : ListenerOptions
{
    /// <summary>Open connections accepted at once; more are closed on accept. Default 64.</summary>
    public int MaxConnections { get; init; } = 64;

    /// <summary>Longest message (line or event), bytes; longer ones are refused as oversized and skipped. Defaults: CoT 65536, NMEA 512, APRS 512.</summary>
    public int MaxFrameBytes { get; init; } = 512;

    /// <summary>A connection that sends nothing for this long is closed. Default 2 minutes.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>The NMEA listener: optionally bound to one unit for connections that do not identify themselves.</summary>
public sealed record NmeaListenerOptions : TcpListenerOptions
{
    /// <summary>Unit every connection reports for until it sends <c>UNIT &lt;id&gt;</c>; null requires that line. Default null.</summary>
    public string? UnitId { get; init; }

    /// <summary>Callsign for <see cref="UnitId"/>. Default null.</summary>
    public string? Callsign { get; init; }
}
