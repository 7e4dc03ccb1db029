using Command.Ingest.Intake;

namespace Command.Ingest.Nmea;

/// <summary>What one line of an NMEA connection was.</summary>
public enum NmeaLineKind
{
    /// <summary>A fix or a refused sentence: <see cref="NmeaLine.Report"/> is set.</summary>
    Report,

    /// <summary>An identification line bound the connection to a unit.</summary>
    Identified,

    /// <summary>
    /// A valid sentence that carries no fix: another type (GSA, GSV, VTG, ...). Receivers send several per second, so
    /// these are not rejections. So are blank lines and <c>#</c> comment lines (a gpsd capture's header), which carry no
    /// sentence at all.
    /// </summary>
    Skipped,
}

/// <summary>
/// The sentences that each give a fix: RMC and GGA (or GNS in its place), which a receiver sends together, one after the
/// other, for each one, and GLL and GNS, which some bridges and receivers send alone.
/// </summary>
public enum NmeaFixSentence
{
    /// <summary>RMC: the date, speed and course.</summary>
    Rmc,

    /// <summary>GGA: the HDOP (the accuracy) and the altitude.</summary>
    Gga,

    /// <summary>GLL: the position and its time of day, nothing more; it gives way to its fix's RMC, GGA or GNS.</summary>
    Gll,

    /// <summary>
    /// GNS (NMEA 4.x, multi-GNSS): the position, HDOP and altitude, as GGA's; it gives way to its fix's GGA, and beside its
    /// RMC gives what a GGA would.
    /// </summary>
    Gns,
}

/// <summary>Which of a fix's sentences a line was, and the time of day the receiver stamped it with: the fix it belongs to.</summary>
public readonly record struct NmeaEpoch(NmeaFixSentence Sentence, TimeSpan TimeOfDay);

/// <summary>
/// The outcome of one line; <see cref="Report"/> is set only for <see cref="NmeaLineKind.Report"/>, and
/// <see cref="Epoch"/> where the line was a fix sentence (RMC, GGA, GLL or GNS) whose time could be read (refused or
/// not), so that <see cref="NmeaEpochs"/> can make one report of a fix's sentences.
/// </summary>
public sealed record NmeaLine(NmeaLineKind Kind, IncomingReport? Report = null, NmeaEpoch? Epoch = null)
{
    public static NmeaLine Identified { get; } = new(NmeaLineKind.Identified);

    public static NmeaLine Skipped { get; } = new(NmeaLineKind.Skipped);
}
