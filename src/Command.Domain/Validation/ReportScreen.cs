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

        var ahead = report.FixTime - receivedAt;
        if (ahead > options.MaxFutureSkew)
        {
            return new(RejectReason.FutureFix, Format($"fix time is {Figures.Above(ahead.TotalSeconds, options.MaxFutureSkew.TotalSeconds)} s ahead of the receiving clock (limit {options.MaxFutureSkew.TotalSeconds:0.###} s)"));
        }

        var age = receivedAt - report.FixTime;
        if (age > options.MaxAge)
        {
            return new(RejectReason.TooOld, Format($"fix is {Figures.Above(age.TotalSeconds, options.MaxAge.TotalSeconds)} s old (limit {options.MaxAge.TotalSeconds:0.###} s)"));
        }

        if (report.AccuracyM is { } accuracy && accuracy > options.MaxAccuracyM)
        {
            return new(RejectReason.PoorAccuracy, Format($"accuracy {Figures.Above(accuracy, options.MaxAccuracyM)} m is worse than the {options.MaxAccuracyM:0.###} m limit"));
        }

        return null;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
