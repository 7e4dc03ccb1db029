using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>
/// What every listener has: whether it runs, where it binds, where its reports go, who may send to it and how fast.
/// Checked at start-up (<see cref="ListenerOptionsCheck"/>): a value that could not work stops the host, naming its key.
/// </summary>
public record ListenerOptions
{
    /// <summary>Run this listener. Default true (the CoT multicast and TLS listeners: false).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Address to bind. Default "127.0.0.1", like the host, so a first run is not reachable from the network by
    /// accident; set "0.0.0.0" for radios and gateways on the local network.
    /// </summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>Port to bind; 0 picks a free one (tests). Defaults: CoT UDP and TCP 8087, multicast 6969, TLS 8089, NMEA 10110, APRS 14580.</summary>
    public int Port { get; init; }

    /// <summary>Incident this listener feeds; null uses <c>Ingest:Incident</c>. Default null.</summary>
    public string? Incident { get; init; }

    /// <summary>
    /// Unknown-unit policy for this listener; null uses <c>Ingest:UnknownUnits</c>. <c>Refuse</c> takes reports only
    /// from units a commander has enrolled: the rest are refused as unknown-unit. Default null.
    /// </summary>
    public UnknownUnitPolicy? UnknownUnits { get; init; }

    /// <summary>
    /// The sources that may send here, each an address or a CIDR range with optional limits of its own; anything
    /// else is refused as not-allowed before it is read. The most specific range that holds an address decides.
    /// Empty (the default) means loopback only (127.0.0.0/8 and ::1), except for CoT over TLS, where the
    /// certificate admits and every address may connect. A configured list replaces that default.
    /// </summary>
    public AllowedSource[] Allow { get; init; } = [];

    /// <summary>Messages per second one address may send, sustained, unless its allow-list entry says otherwise. Default 20.</summary>
    public double RatePerSecond { get; init; } = 20;

    /// <summary>Messages one address may send in a burst above the sustained rate, unless its entry says otherwise. Default 40.</summary>
    public int RateBurst { get; init; } = 40;

    /// <summary>
    /// Senders whose rate is tracked at once; past this the one heard from least recently is forgotten (and starts
    /// again with a full burst when it returns). Default 4096.
    /// </summary>
    public int MaxSenders { get; init; } = 4096;
}

/// <summary>A UDP listener; for multicast, the group it joins.</summary>
public sealed record UdpListenerOptions : ListenerOptions
{
    /// <summary>
    /// Multicast group to join, or null for plain unicast. Default null (the multicast listener: 239.2.3.1). A multicast
    /// listener joins it on the interface whose address is its <see cref="ListenerOptions.BindAddress"/> (127.0.0.1, by
    /// default: senders on this machine only; 0.0.0.0: the interface the system routes the group to).
    /// </summary>
    public string? MulticastGroup { get; init; }
}

/// <summary>A TCP listener of framed messages, with the limits that keep a hostile client from exhausting the host.</summary>
public record TcpListenerOptions : ListenerOptions
{
    /// <summary>
    /// Open connections accepted at once, from all addresses. Past it a newcomer takes the place of a connection that
    /// has sent no position yet (of the address holding the most such, its oldest), which is closed and counted as
    /// limit-reached; when every one has sent a position, the newcomer is closed on accept. Default 64.
    /// </summary>
    public int MaxConnections { get; init; } = 64;

    /// <summary>
    /// Open connections one address may hold, unless its allow-list entry says otherwise; more are closed on accept, so
    /// that one address cannot take every connection. Default 8.
    /// </summary>
    public int MaxConnectionsPerAddress { get; init; } = 8;

    /// <summary>
    /// A connection that has sent no whole message of its protocol this long after it was accepted (over TLS, after its
    /// <see cref="TlsListenerOptions.HandshakeTimeout"/> too) is closed and counted as limit-reached: a line or an
    /// event, which the listener reads however the incident then takes it (a sentence of no fix, a log-in, a ping, a
    /// heartbeat count), but not a line or event refused as malformed or oversized, nor a part of one. A TAK client sends
    /// its first event within seconds of connecting, a receiver one sentence a second (a serial-to-TCP gateway may send
    /// the rest of a line first). Once it has, <see cref="IdleTimeout"/> holds. Default 10 s.
    /// </summary>
    public TimeSpan FirstMessageTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest message (line or event), bytes; longer ones are refused as oversized and skipped. Defaults: CoT 65536, NMEA 512, APRS 512.</summary>
    public int MaxFrameBytes { get; init; } = 512;

    /// <summary>
    /// A connection that sends no position (nor threat) for this long is closed, or for as long as its last fix said it
    /// stands where that is longer (CoT's stale; up to 10 minutes). Once it has sent a position, its protocol's keepalive
    /// (a CoT ping, an APRS-IS heartbeat) keeps it open too, up to 30 minutes after the last position. Empty lines,
    /// log-ins, junk and messages that are refused do not count, so a client cannot hold a connection open with them.
    /// Default 2 minutes.
    /// </summary>
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
