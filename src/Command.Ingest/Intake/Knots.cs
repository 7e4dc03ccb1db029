using System.Globalization;
using Command.Domain.Validation;

namespace Command.Ingest.Intake;

/// <summary>
/// Speeds radios state in knots (NMEA's RMC, APRS, the OsmAnd query): converted to the metres a second reports carry,
/// and checked as they were sent, so that a refusal quotes the figure on the device's screen ("RMC speed 600 kn"), not
/// the converted one ("speed 308.7 m/s") nobody sent.
/// </summary>
public static class Knots
{
    public const double ToMps = 1852.0 / 3600.0;

    /// <summary>
    /// What is wrong with a speed of <paramref name="knots"/> stated as <paramref name="what"/> ("RMC speed"): negative,
    /// not finite, or faster than a report may say (<see cref="InputLimits.MaxSpeedMps"/>); null when nothing is, or none is stated.
    /// </summary>
    public static Rejection? Check(string what, double? knots) =>
        knots is { } k && (!double.IsFinite(k) || k < 0 || k * ToMps > InputLimits.MaxSpeedMps)
            ? new(RejectReason.InvalidValue, string.Create(CultureInfo.InvariantCulture,
                $"{what} {Figures.Said(k)} kn is not a ground speed of 0-{Math.Floor(InputLimits.MaxSpeedMps / ToMps):0} kn ({InputLimits.MaxSpeedMps:0} m/s)"))
            : null;
}
