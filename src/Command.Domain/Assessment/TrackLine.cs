using Command.Domain.Geometry;

namespace Command.Domain.Assessment;

/// <summary>
/// A straight line through fixes, east and north apart, by least squares: their mean position and time (seconds from
/// a reference time), how widely their times spread (the sum of squared deviations), the velocity (metres a second)
/// and how far the fixes lie off it (the root mean square on one axis, over the degrees of freedom the line leaves;
/// infinite for two fixes or fewer, which any line passes through).
/// </summary>
internal readonly record struct TrackLine(LocalPoint Mean, double MeanT, double Stt, (double East, double North) Velocity, double MisfitM, int Count)
{
    /// <summary>The line through <paramref name="fixes"/>, times in seconds from <paramref name="reference"/>: one pass.</summary>
    public static TrackLine Fit(ReadOnlySpan<TrackFix> fixes, DateTimeOffset reference)
    {
        var count = fixes.Length;
        double sumT = 0, sumEast = 0, sumNorth = 0, sumTT = 0, sumTE = 0, sumTN = 0, sumEE = 0, sumNN = 0;
        foreach (ref readonly var f in fixes)
        {
            var t = (f.Time - reference).TotalSeconds;
            sumT += t;
            sumEast += f.Point.East;
            sumNorth += f.Point.North;
            sumTT += t * t;
            sumTE += t * f.Point.East;
            sumTN += t * f.Point.North;
            sumEE += f.Point.East * f.Point.East;
            sumNN += f.Point.North * f.Point.North;
        }

        var meanT = sumT / count;
        var mean = new LocalPoint(sumEast / count, sumNorth / count);
        var stt = sumTT - (sumT * meanT);
        var ste = sumTE - (sumT * mean.East);
        var stn = sumTN - (sumT * mean.North);
        var velocity = stt > 0 ? (ste / stt, stn / stt) : (0.0, 0.0);
        var misfit = double.PositiveInfinity;
        if (count > 2 && stt > 0)
        {
            // What the line leaves of each axis's spread about the mean.
            var see = sumEE - (sumEast * mean.East) - (ste * ste / stt);
            var snn = sumNN - (sumNorth * mean.North) - (stn * stn / stt);
            misfit = Math.Sqrt(Math.Max(0, see + snn) / (2.0 * (count - 2)));
        }

        return new TrackLine(mean, meanT, stt, velocity, misfit, count);
    }
}
