namespace Command.Ingest.Nmea;

/// <summary>How NMEA 0183 sentences are read (configuration section <c>Ingest:Nmea</c>).</summary>
public sealed record NmeaOptions
{
    /// <summary>
    /// Refuse sentences without a <c>*hh</c> checksum as malformed. Default true: over a network a sentence with
    /// no checksum cannot be told from a damaged one, and every receiver we know of sends RMC and GGA with one.
    /// </summary>
    public bool RequireChecksum { get; init; } = true;

    /// <summary>
    /// Metres of horizontal accuracy per unit of GGA HDOP (a nominal 1-sigma user range error). Default 5 m.
    /// RMC carries no accuracy, so a report from RMC has none.
    /// </summary>
    public double MetresPerHdop { get; init; } = 5;

    /// <summary>
    /// How long the first of a fix's two sentences (RMC and GGA, in whichever order the receiver sends them) waits for
    /// the other, with the same time, before it is reported alone. Default 1 s: a receiver sends the two within its
    /// burst of sentences for each fix, and the next fix's sentences end the wait sooner at 1 Hz. Zero reports each
    /// fix at its first sentence and skips the second.
    /// </summary>
    public TimeSpan PartnerWait { get; init; } = TimeSpan.FromSeconds(1);

    public static NmeaOptions Default { get; } = new();
}
