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
    /// so a drill played fast is not refused for the speeds its script moves units at. <paramref name="heardAt"/> is when
    /// <paramref name="next"/> arrived, where known: a fix out of order because its device's clock is off says so, unless
    /// <paramref name="clockShownRight"/> (the unit's latest fix, or another of the same batch, arrived on time) or both
    /// fixes were stamped by one clock as it came (the same source, neither put right for a clock found off), and the fix
    /// was not put right for a clock found off, when it is said plainly older than the fix already taken, with both times.
    /// </summary>
    public static Rejection? Check(PositionReport? latest, PositionReport next, ValidationOptions options, Incidents.DrillClock? drillClock = null, DateTimeOffset? heardAt = null,
        bool clockShownRight = false)
    {
        if (latest is null)
        {
            return null;
        }

        var frame = new LocalFrame(latest.Position);
        var metres = frame.Distance(latest.Position, next.Position);
        if (next.FixTime == latest.FixTime)
        {
            // The same instant from another place is no repeat: said as what it may be, a second device.
            return new(RejectReason.Duplicate, Format($"a fix at {next.FixTime:O} was already accepted")
                + (metres > Math.Max(1, (latest.AccuracyM ?? 0) + (next.AccuracyM ?? 0)) ? Format($", {metres:F0} m from this one: two fixes of one instant from two places, so two devices may be reporting as this unit") : ""));
        }

        if (next.FixTime < latest.FixTime)
        {
            var behind = latest.FixTime - next.FixTime;
            var older = behind.TotalSeconds < 0.1 ? Format($"{behind.TotalMilliseconds:F0} ms") : Format($"{behind.TotalSeconds:F1} s");
            var clockOff = heardAt is { } heard ? ClockOff(latest, next, heard, options) : "";
            if ((clockShownRight || (clockOff.Length > 0 && OnOneClock(latest, next))) && (next.ClockCorrectionS ?? 0) == 0)
            {
                // An old fix sent again (OsmAnd resending what it could not send), or one of a batch sent late, from a
                // device whose clock is shown right: its clock is no cause, and blaming it sends the user after the wrong fault.
                // A fix put right for a clock found off still says how the clock looks now (set right, say): that is the cause.
                // So where both fixes were stamped by one clock as it came, where the clock would else be blamed: however slow
                // it runs, a fix sent after the latest gives a later time, so one that gives an earlier time is older.
                return new(RejectReason.OutOfOrder, Format($"fix is {older} older than the latest accepted fix (this fix {Time(next.FixTime)}, the latest {Time(latest.FixTime)})"));
            }

            return new(RejectReason.OutOfOrder, $"fix is {older} older than the latest accepted fix" + clockOff);
        }

        var slack = (latest.AccuracyM ?? 0) + (next.AccuracyM ?? 0);
        var seconds = Seconds(latest, next, drillClock);
        var implied = Math.Max(0, metres - slack) / seconds;
        if (implied > options.MaxImpliedSpeedMps)
        {
            return new(RejectReason.ImpliedSpeed, Format($"{metres:F0} m in {seconds:F1} s implies {Figures.Above(implied, options.MaxImpliedSpeedMps)} m/s (limit {options.MaxImpliedSpeedMps:0.###} m/s)"));
        }

        return null;
    }

    /// <summary>
    /// The seconds between two fixes a unit's speed is taken over: the longer of the time between them and the time
    /// that passed on the drill's clock (<paramref name="drillClock"/>), so a drill played fast moves its units no faster.
    /// </summary>
    internal static double Seconds(PositionReport latest, PositionReport next, Incidents.DrillClock? drillClock)
    {
        var seconds = (next.FixTime - latest.FixTime).TotalSeconds;
        return drillClock is { IsIncidentClock: false } ? Math.Max(seconds, drillClock.Elapsed(latest.FixTime, next.FixTime).TotalSeconds) : seconds;
    }

    // Whether both fixes were stamped by one device clock as it came: the same source, neither put right for a clock
    // found off. A fix heard on time is not needed to tell then that the clock is no cause: the latest arrived first, and
    // with it and this fix stamped by the same clock, no clock slow by any steady amount puts this one behind it. A phone
    // uploading late, whose old fix came again after a newer one, was told its clock looked as slow as the fix was late.
    private static bool OnOneClock(PositionReport latest, PositionReport next) =>
        latest.Source == next.Source && (latest.ClockCorrectionS ?? 0) == 0 && (next.ClockCorrectionS ?? 0) == 0;

    // Why a fix may be out of order that is no fault of its order: it arrived well after the time it gives, as a fix from a
    // device whose clock runs slow does, and stamped as it arrived it would have followed the latest. A phone 4 min slow
    // whose clock was not yet learned again on a host started afresh was refused "168.0 s older than the latest", which
    // blamed the order and not the clock. Empty where the clock does not explain it (the fix was late by no more than a
    // network's delay, or is older than the latest even as it arrived).
    private static string ClockOff(PositionReport latest, PositionReport next, DateTimeOffset heardAt, ValidationOptions options)
    {
        var late = heardAt - next.FixTime;
        if (late <= options.MaxFutureSkew || late >= TimeSpan.FromDays(1) || heardAt <= latest.FixTime)
        {
            return "";
        }

        // How far behind this host's the device's clock looks, with what it was already put right by.
        var applied = next.ClockCorrectionS ?? 0;
        var off = late.TotalSeconds + applied;
        if (applied != 0)
        {
            var looks = Math.Abs(off) <= options.MaxFutureSkew.TotalSeconds ? "to keep this host's time" : AfterAction.AfterActionWords.Clock(off);
            return Format($": the device's clock looks {looks}, not {AfterAction.AfterActionWords.Clock(applied)} as this fix was put right for (it arrived {late.TotalSeconds:F1} s after the time it gives once put right)");
        }

        return latest.ClockCorrectionS is { } learned && learned != 0 && Math.Abs(learned - off) <= options.MaxFutureSkew.TotalSeconds
            ? Format($": the device's clock looks {AfterAction.AfterActionWords.Clock(off)}, as found before (this fix arrived {late.TotalSeconds:F1} s after the time it gives; the latest was put right by {learned:0.0} s)")
            : Format($": the device's clock looks {AfterAction.AfterActionWords.Clock(off)} (this fix arrived {late.TotalSeconds:F1} s after the time it gives)");
    }

    private static string Time(DateTimeOffset at) => Format($"{at.UtcDateTime:HH:mm:ss.fff} UTC");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
