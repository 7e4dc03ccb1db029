using System.Globalization;
using Command.Domain.Reports;

namespace Command.Domain.Validation;

/// <summary>
/// The checks that need nothing but the report and the receiving clock. Applied once at ingest, before any
/// grain; the checks that need the unit's history are in <see cref="FixSequence"/>.
/// </summary>
public static class ReportScreen
{
    public static Rejection? Check(PositionReport report, DateTimeOffset receivedAt, ValidationOptions options)
    {
        if (InputLimits.Check(report) is { } invalid)
        {
            return invalid;
        }

        var p = report.Position;
        if (p.Latitude == 0 && p.Longitude == 0)
        {
            return new(RejectReason.ZeroPosition, "position 0,0 is what a receiver without a fix reports");
        }

        if (FixTime(report.FixTime, receivedAt, options) is { } untimely)
        {
            return untimely;
        }

        if (report.AccuracyM is { } accuracy && accuracy > options.MaxAccuracyM)
        {
            return new(RejectReason.PoorAccuracy, Format($"accuracy {Figures.Above(accuracy, options.MaxAccuracyM)} m is worse than the {options.MaxAccuracyM:0.###} m limit"));
        }

        return null;
    }

    /// <summary>
    /// Whether a fix time can describe the present: not further ahead of the receiving clock than skew explains, and
    /// not older than <see cref="ValidationOptions.MaxAge"/>. A unit's fix and a threat marker are timed alike.
    /// </summary>
    public static Rejection? FixTime(DateTimeOffset fixTime, DateTimeOffset receivedAt, ValidationOptions options)
    {
        var ahead = fixTime - receivedAt;
        if (ahead > options.MaxFutureSkew)
        {
            return new(RejectReason.FutureFix, Format($"fix time is {Figures.Above(ahead.TotalSeconds, options.MaxFutureSkew.TotalSeconds)} s ahead of the receiving clock (limit {options.MaxFutureSkew.TotalSeconds:0.###} s)"));
        }

        var age = receivedAt - fixTime;
        return age > options.MaxAge
            ? new(RejectReason.TooOld, Format($"fix is {Figures.Above(age.TotalSeconds, options.MaxAge.TotalSeconds)} s old (limit {options.MaxAge.TotalSeconds:0.###} s)") + RolledOver(age))
            : null;
    }

    /// <summary>1,024 weeks: how far back a GPS receiver whose week number rolled over dates its fixes.</summary>
    public static readonly TimeSpan GpsWeekRollover = TimeSpan.FromDays(7 * 1024);

    // A receiver whose week number rolled over dates its fixes 1,024 weeks back, at the right time of day: said so, or
    // "19.6 years old" reads as nonsense rather than a receiver to replace or update.
    private static string RolledOver(TimeSpan age) =>
        (age - GpsWeekRollover).Duration() <= TimeSpan.FromDays(1)
            ? "; the device dates its fixes 1024 GPS weeks back (19.6 years): its week number rolled over, and its firmware needs updating"
            : "";

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
