using Command.Domain.Geometry;
using Command.Domain.Reports;

namespace Command.Domain.Validation;

/// <summary>
/// A unit's fixes that jump further than its device's stated speed lets a vehicle get: held out until they go on from
/// there, and, once one comes from there again after the track's own, the second device's.
/// </summary>
internal sealed partial class UnitPlaces
{
    // The latest two fixes taken, for the speed the unit's track went at; when the latest few where the track holds
    // were taken, for how long its device goes quiet.
    private PositionReport? latestTaken;
    private PositionReport? takenBefore;
    private readonly Queue<DateTimeOffset> heardAtHome = new();

    // Whether a fix taken said the unit moved (at walking pace or more): its device says its speed, and is believed when
    // it says it stands.
    private bool saidMoving;

    // The place a fix jumped to that its device's stated speed could not reach (see Jumped): the latest fix refused from
    // there, since when they have come from there, and whether a fix was taken where the track holds since.
    private (PositionReport Latest, DateTimeOffset Since, bool TrackBetween)? jump;

    /// <summary>
    /// The fastest a vehicle gathers speed, or sheds it, over seconds on end: 5 m/s² (a patrol car's hardest start, 0-100
    /// km/h in under 6 s).
    /// </summary>
    public const double MaxAccelerationMps2 = 5;

    /// <summary>
    /// The refusal of <paramref name="report"/>, after <paramref name="latest"/> (the unit's latest fix taken, whose device
    /// said how fast it went), when it lies more than <see cref="FarM"/> from it and further than the unit could have got
    /// from there at that speed, gathering speed (and braking to the speed the fix says) at
    /// <see cref="MaxAccelerationMps2"/>; or when it comes from where such a fix was refused, until fixes from there have
    /// gone on for <see cref="Confirming"/> with none where the track holds between (then the unit went there, and it is
    /// taken); null to take it. A phone standing still said 0 m/s and its clone's fix, saying 0 m/s, came 237 m off 8 s
    /// later: 29 m/s is a speed a car reaches, and it was taken, the unit drawn there and flagged for where it was not; no
    /// car starts and stops again 237 m on in 8 s. A device that never said it moved may say 0 m/s for unknown: the
    /// speed its track went at between its latest two fixes is the least it went at, and what the fix says of its speed
    /// is not heard. A fix from that place again after one taken where the track holds names the second device
    /// (<see cref="Second"/>); one that comes a minute or more after the last from there starts afresh. Null where the
    /// device states no speed, or the fix is within <see cref="FarM"/> of where the track holds (back on it from a fix
    /// taken away from it, or a unit that has walked to where a burst of multipath once threw its fixes).
    /// </summary>
    public Rejection? Jumped(PositionReport report, PositionReport latest, Incidents.DrillClock? clock)
    {
        if (home is { } track && Near(track, report, FarM))
        {
            // On the track, or back on it from a fix taken away from it.
            return null;
        }

        if (jump is { } stale && Elapsed(clock, stale.Latest.FixTime, report.FixTime) > Returning)
        {
            jump = null;
        }

        if (jump is { } held && Near(held.Latest, report, SecondDevices.SamePlaceM))
        {
            if (held.TrackBetween)
            {
                (Second, secondHeard, SecondFound, jump) = (report, report.FixTime, Alternating, null);
                return null;
            }

            var waited = Elapsed(clock, held.Since, report.FixTime);
            var confirming = Confirming(clock);
            if (waited >= confirming)
            {
                // From there for longer than the track's device goes quiet, and nothing from the track: the unit went there.
                jump = null;
                return null;
            }

            jump = held with { Latest = report };
            return new Rejection(RejectReason.SuddenJump, Format(
                $"fix {GreatCircle.DistanceM(latest.Position, report.Position):F0} m from the unit's latest, from where its fixes jumped {waited.TotalSeconds:F1} s ago faster than its device said it went: held out until they have come from there for {confirming.TotalSeconds:F0} s"));
        }

        if (latest.SpeedMps is not { } stated)
        {
            return null;
        }

        var metres = GreatCircle.DistanceM(latest.Position, report.Position);
        var beyond = metres - (latest.AccuracyM ?? 0) - (report.AccuracyM ?? 0);
        var seconds = FixSequence.Seconds(latest, report, clock);
        if (beyond <= FarM || seconds <= 0)
        {
            return null;
        }

        // A device that has said it moves is believed when it says it stands; one that never did may say 0 m/s for
        // unknown, and its track's own speed is the least it went at.
        var from = saidMoving ? stated : Math.Max(stated, TrackSpeed(latest, clock));
        var to = saidMoving ? report.SpeedMps : null;
        var reach = Reach(from, to, seconds);
        if (beyond <= reach)
        {
            return null;
        }

        jump = (report, report.FixTime, false);
        var said = to is { } arrived ? Format($" to one that says {arrived:0.0} m/s") : "";
        var how = to is null ? "gathering speed" : "gathering speed and braking";
        return new Rejection(RejectReason.SuddenJump, Format(
            $"{metres:F0} m in {seconds:F1} s from a fix that said {stated:0.0} m/s{said}: no vehicle gets that far {how} at {MaxAccelerationMps2:0} m/s² (at most {reach:F0} m); held out until fixes from there have come for {Confirming(clock).TotalSeconds:F0} s"));
    }

    /// <summary>
    /// The furthest a unit gets in <paramref name="seconds"/> from <paramref name="from"/> m/s, gathering speed or braking at
    /// <see cref="MaxAccelerationMps2"/>, to end at <paramref name="to"/> m/s where known.
    /// </summary>
    public static double Reach(double from, double? to, double seconds)
    {
        const double A = MaxAccelerationMps2;
        if (to is not { } end)
        {
            return (from * seconds) + (A * seconds * seconds / 2);
        }

        // Up to its fastest and down again: the peak is where the two meet.
        var peak = ((A * seconds) + from + end) / 2;
        return Math.Abs(end - from) > A * seconds ? double.PositiveInfinity : ((2 * peak * peak) - (from * from) - (end * end)) / (2 * A);
    }

    /// <summary>
    /// Follows a fix of the unit refused for the speed it implies after <paramref name="latest"/>: from far off, after a
    /// fix whose device said how fast it went, it is a jump as <see cref="Jumped"/> refuses them.
    /// </summary>
    public void Refused(PositionReport report, PositionReport latest)
    {
        if (latest.SpeedMps is null || Near(latest, report, FarM))
        {
            return;
        }

        if (jump is not { } held || !Near(held.Latest, report, SecondDevices.SamePlaceM))
        {
            jump = (report, report.FixTime, false);
        }
        else if (held.TrackBetween)
        {
            (Second, secondHeard, SecondFound, jump) = (report, report.FixTime, Alternating, null);
        }
        else
        {
            jump = held with { Latest = report };
        }
    }

    /// <summary>
    /// How long fixes from where a unit's fixes jumped must keep coming, with none where its track holds, before it is
    /// taken to have gone there: twice the longest its device went quiet between its latest few fixes there, and at
    /// least <see cref="SecondDevices.Lasting"/> (longer than a burst of multipath lasts), at most <see cref="Returning"/>.
    /// </summary>
    public TimeSpan Confirming(Incidents.DrillClock? clock)
    {
        var quiet = TimeSpan.Zero;
        DateTimeOffset? before = null;
        foreach (var at in heardAtHome)
        {
            if (before is { } b && Elapsed(clock, b, at) > quiet)
            {
                quiet = Elapsed(clock, b, at);
            }

            before = at;
        }

        return TimeSpan.FromTicks(Math.Clamp(2 * quiet.Ticks, SecondDevices.Lasting.Ticks, Returning.Ticks));
    }

    // The stated speed that says a device tells its speed: a walk.
    private const double SaidMovingMps = 1;

    // How many of the latest fixes where the track holds its device's quiet is learned from.
    private const int HeardFixes = 5;

    private void Heard(PositionReport report)
    {
        heardAtHome.Enqueue(report.FixTime);
        while (heardAtHome.Count > HeardFixes)
        {
            heardAtHome.Dequeue();
        }
    }

    // The speed the unit's track went at between its latest two fixes taken, less their stated accuracy; 0 where
    // latest is not the latest taken.
    private double TrackSpeed(PositionReport latest, Incidents.DrillClock? clock)
    {
        if (latestTaken is not { } last || last.FixTime != latest.FixTime || takenBefore is not { } before)
        {
            return 0;
        }

        var seconds = FixSequence.Seconds(before, last, clock);
        var beyond = GreatCircle.DistanceM(before.Position, last.Position) - (before.AccuracyM ?? 0) - (last.AccuracyM ?? 0);
        return seconds > 0 ? Math.Max(0, beyond) / seconds : 0;
    }

    private static string Format(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
