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
    /// A valid sentence that carries nothing new: another type (GSA, GSV, VTG, ...) or the second sentence of a
    /// fix already reported. Receivers send several per second, so these are not rejections. So are blank lines
    /// and <c>#</c> comment lines (a gpsd capture's header), which carry no sentence at all.
    /// </summary>
    Skipped,
}

/// <summary>The outcome of one line; <see cref="Report"/> is set only for <see cref="NmeaLineKind.Report"/>.</summary>
public sealed record NmeaLine(NmeaLineKind Kind, IncomingReport? Report = null)
{
    public static NmeaLine Identified { get; } = new(NmeaLineKind.Identified);

    public static NmeaLine Skipped { get; } = new(NmeaLineKind.Skipped);
}
