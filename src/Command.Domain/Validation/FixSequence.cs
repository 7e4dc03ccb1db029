using System.Globalization;
using Command.Domain.Geometry;
using Command.Domain.Reports;

namespace Command.Domain.Validation;

/// <summary>The checks that compare a report with the unit's latest accepted fix.</summary>
public static class FixSequence
{
    /// <summary>
    /// Null when <paramref name="next"/> may follow <paramref name="latest"/>. The speed it implies is taken over the
    /// longer of the time between the fixes and the time that passed on the drill's clock (<paramref name="drillClock"/>),
    /// so a drill played fast is not refused for the speeds its script moves units at.
    /// </summary>
    public static Rejection? Check(PositionReport? latest, PositionReport next, ValidationOptions options, Incidents.DrillClock? drillClock = null)
    {
        if (latest is null)
        {
            return null;
        }

        if (next.FixTime == latest.FixTime)
        {
            return new(RejectReason.Duplicate, Format($"a fix at {next.FixTime:O} was already accepted"));
        }

        if (next.FixTime < latest.FixTime)
        {
            var behind = latest.FixTime - next.FixTime;
            return new(RejectReason.OutOfOrder, Format($"fix is {behind.TotalSeconds:F1} s older than the latest accepted fix"));
        }

        var frame = new LocalFrame(latest.Position);
        var metres = frame.Distance(latest.Position, next.Position);
        var slack = (latest.AccuracyM ?? 0) + (next.AccuracyM ?? 0);
        var seconds = (next.FixTime - latest.FixTime).TotalSeconds;
        if (drillClock is { IsIncidentClock: false })
        {
            seconds = Math.Max(seconds, drillClock.Elapsed(latest.FixTime, next.FixTime).TotalSeconds);
        }

        var implied = Math.Max(0, metres - slack) / seconds;
        if (implied > options.MaxImpliedSpeedMps)
        {
            return new(RejectReason.ImpliedSpeed, Format($"{metres:F0} m in {seconds:F1} s implies {Figures.Above(implied, options.MaxImpliedSpeedMps)} m/s (limit {options.MaxImpliedSpeedMps:0.###} m/s)"));
        }

        return null;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
