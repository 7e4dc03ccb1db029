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
        if (string.IsNullOrWhiteSpace(report.UnitId))
        {
            return new(RejectReason.MissingField, "the report has no unit id");
        }

        var p = report.Position;
        if (!p.IsValid)
        {
            return new(RejectReason.InvalidCoordinates, Format($"latitude {p.Latitude} / longitude {p.Longitude} is outside WGS84 ranges"));
        }

        if (p.Latitude == 0 && p.Longitude == 0)
        {
            return new(RejectReason.ZeroPosition, "position 0,0 is what a receiver without a fix reports");
        }

        var ahead = report.FixTime - receivedAt;
        if (ahead > options.MaxFutureSkew)
        {
            return new(RejectReason.FutureFix, Format($"fix time is {ahead.TotalSeconds:F0} s ahead of the receiving clock (limit {options.MaxFutureSkew.TotalSeconds:F0} s)"));
        }

        var age = receivedAt - report.FixTime;
        if (age > options.MaxAge)
        {
            return new(RejectReason.TooOld, Format($"fix is {age.TotalSeconds:F0} s old (limit {options.MaxAge.TotalSeconds:F0} s)"));
        }

        if (report.AccuracyM is { } accuracy)
        {
            if (!double.IsFinite(accuracy) || accuracy < 0)
            {
                return new(RejectReason.InvalidValue, Format($"accuracy {accuracy} is not a distance"));
            }

            if (accuracy > options.MaxAccuracyM)
            {
                return new(RejectReason.PoorAccuracy, Format($"accuracy {accuracy:F0} m is worse than the {options.MaxAccuracyM:F0} m limit"));
            }
        }

        if (report.SpeedMps is { } speed && (!double.IsFinite(speed) || speed < 0))
        {
            return new(RejectReason.InvalidValue, Format($"speed {speed} is not a ground speed"));
        }

        if (report.CourseDeg is { } course && (!double.IsFinite(course) || course < 0 || course > 360))
        {
            return new(RejectReason.InvalidValue, Format($"course {course} is not 0-360 degrees"));
        }

        if (report.AltitudeM is { } altitude && !double.IsFinite(altitude))
        {
            return new(RejectReason.InvalidValue, "altitude is not a number");
        }

        return null;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
