using Command.Domain.Geometry;

namespace Command.Domain.Assessment;

/// <summary>
/// A straight line through fixes, east and north apart, by least squares: their mean position and time (seconds from
/// a reference time), how widely their times spread (the sum of squared deviations) and the velocity, metres a second.
/// </summary>
internal readonly record struct TrackLine(LocalPoint Mean, double MeanT, double Stt, (double East, double North) Velocity, int Count)
{
    /// <summary>The line through <paramref name="fixes"/>, times in seconds from <paramref name="reference"/>: one pass.</summary>
    public static TrackLine Fit(ReadOnlySpan<TrackFix> fixes, DateTimeOffset reference)
    {
        var count = fixes.Length;
        double sumT = 0, sumEast = 0, sumNorth = 0, sumTT = 0, sumTE = 0, sumTN = 0;
        foreach (ref readonly var f in fixes)
        {
            var t = (f.Time - reference).TotalSeconds;
            sumT += t;
            sumEast += f.Point.East;
            sumNorth += f.Point.North;
            sumTT += t * t;
            sumTE += t * f.Point.East;
            sumTN += t * f.Point.North;
        }

        var meanT = sumT / count;
        var mean = new LocalPoint(sumEast / count, sumNorth / count);
        var stt = sumTT - (sumT * meanT);
        var velocity = stt > 0 ? ((sumTE - (sumT * mean.East)) / stt, (sumTN - (sumT * mean.North)) / stt) : (0.0, 0.0);
        return new TrackLine(mean, meanT, stt, velocity, count);
    }
}
