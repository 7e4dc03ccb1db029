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

    public static NmeaOptions Default { get; } = new();
}
