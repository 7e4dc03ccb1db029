using Command.Domain.Geometry;

namespace Command.Simulation.Motion;

/// <summary>
/// A straight piece of a unit's motion at constant velocity between two drill times; a hold has
/// <see cref="From"/> equal to <see cref="To"/>.
/// </summary>
/// <param name="StartS">Drill time it starts, seconds.</param>
/// <param name="EndS">Drill time it ends, seconds.</param>
/// <param name="From">Where it starts, local metres.</param>
/// <param name="To">Where it ends, local metres.</param>
/// <param name="Kind">Which kind of leg it belongs to.</param>
/// <param name="LegIndex">Index of that leg in the unit's script; -1 for the rest after the script.</param>
public sealed record MotionSegment(double StartS, double EndS, LocalPoint From, LocalPoint To, LegKind Kind, int LegIndex)
{
    public double DurationS => EndS - StartS;

    /// <summary>Ground speed along the segment, metres per second (0 for a hold).</summary>
    public double SpeedMps => DurationS > 0 ? From.DistanceTo(To) / DurationS : 0;

    /// <summary>Course in degrees clockwise from north, or null when not moving.</summary>
    public double? CourseDeg
    {
        get
        {
            var d = To - From;
            if (d.Length == 0)
            {
                return null;
            }

            var degrees = Math.Atan2(d.East, d.North) * 180 / Math.PI;
            return degrees < 0 ? degrees + 360 : degrees;
        }
    }

    /// <summary>Position at <paramref name="atS"/>, clamped to the segment's ends.</summary>
    public LocalPoint PositionAt(double atS)
    {
        if (DurationS <= 0)
        {
            return To;
        }

        var k = Math.Clamp((atS - StartS) / DurationS, 0, 1);
        return From + ((To - From) * k);
    }
}
