using Command.Domain.Geometry;

namespace Command.Domain.Assessment;

/// <summary>
/// One fix as the assessment keeps it: local metres, stated one-sigma accuracy, altitude where given, the floor where
/// it is really known, and the speed and course (degrees clockwise from true north) its report said the unit's receiver
/// measured; a course only with a speed.
/// </summary>
internal readonly record struct TrackFix(DateTimeOffset Time, LocalPoint Point, double Sigma, double? AltitudeM, int? Floor = null, double? SpeedMps = null, double? CourseDeg = null);

/// <summary>
/// A unit's recent fixes, oldest first, trimmed to what the rate window needs, and the intervals between its
/// latest fixes, from which its usual report cadence is learned.
/// </summary>
internal sealed class UnitTrack
{
    private const int IntervalsKept = 9;
    private readonly List<TrackFix> fixes = [];
    private readonly List<double> intervals = [];
    private double? cadenceS;

    public int Count => fixes.Count;

    public TrackFix Latest => fixes[^1];

    public IReadOnlyList<TrackFix> Fixes => fixes;

    /// <summary>The same fixes, read in place: for loops run on every fix.</summary>
    public ReadOnlySpan<TrackFix> InPlace => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fixes);

    public IReadOnlyList<double> Intervals => intervals;

    /// <summary>Median of the recent report intervals, seconds; null before the second fix.</summary>
    public double? CadenceS => cadenceS;

    /// <summary>
    /// Adds a fix, keeping those within <paramref name="keep"/> of it (at least <paramref name="keepFixes"/>, at most
    /// <paramref name="mostFixes"/>); its interval from the one before counts to the cadence unless it ended a silence.
    /// </summary>
    public void Add(TrackFix fix, TimeSpan keep, int keepFixes, int mostFixes = int.MaxValue, bool countsToCadence = true)
    {
        if (fixes.Count > 0 && countsToCadence)
        {
            intervals.Add((fix.Time - fixes[^1].Time).TotalSeconds);
            if (intervals.Count > IntervalsKept)
            {
                intervals.RemoveAt(0);
            }

            cadenceS = Median(intervals);
        }

        fixes.Add(fix);
        var cutoff = fix.Time - keep;
        var drop = 0;
        while ((fixes.Count - drop > keepFixes && fixes[drop + 1].Time <= cutoff) || fixes.Count - drop > mostFixes)
        {
            drop++;
        }

        if (drop > 0)
        {
            fixes.RemoveRange(0, drop);
        }
    }

    /// <summary>Starts the track afresh at a fix heard after a silence: the gap is no interval of its cadence.</summary>
    public void Resume(TrackFix fix)
    {
        fixes.Clear();
        fixes.Add(fix);
    }

    public void Restore(IEnumerable<TrackFix> kept, IEnumerable<double> lastIntervals)
    {
        fixes.Clear();
        fixes.AddRange(kept);
        intervals.Clear();
        intervals.AddRange(lastIntervals);
        cadenceS = Median(intervals);
    }

    // Read for every unit on every frame, changed only by a new fix: worked out once per fix.
    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        Span<double> sorted = stackalloc double[values.Count];
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values).CopyTo(sorted);
        sorted.Sort();
        return sorted[sorted.Length / 2];
    }
}
