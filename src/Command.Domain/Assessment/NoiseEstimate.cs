namespace Command.Domain.Assessment;

/// <summary>
/// A unit's own position noise, learned from its fixes rather than taken from the accuracy it states: phones state
/// half their real error, and sources without a stated accuracy are given a guess. Each fix is compared with the
/// straight line through its neighbours (a second difference, blind to steady motion and to a bias that wanders
/// slowly); the median of the recent misfits, scaled as the Rayleigh distribution scales it, is one axis's sigma.
/// A median passes over outliers until they are half the fixes.
/// </summary>
/// <param name="needed">Fewest misfits the estimate is given from.</param>
internal sealed class NoiseEstimate(int needed = NoiseEstimate.Needed)
{
    /// <summary>Misfits kept: the latest 21, so the five a burst of three outliers spoils stay a minority.</summary>
    public const int Kept = 21;

    /// <summary>Fewest misfits the estimate is given from, by default.</summary>
    public const int Needed = 4;

    // A gap this long lets a person change pace: the middle fix of a wider triple says nothing about noise.
    private const double WidestTripleS = 120;

    // Median of a Rayleigh distribution in units of its sigma: sqrt(2 ln 2).
    private const double RayleighMedian = 1.1774;

    private readonly List<double> misfits = [];
    private double? sigmaM;

    /// <summary>Recent misfits, metres, oldest first (normalised to one fix's noise).</summary>
    public IReadOnlyList<double> Misfits => misfits;

    /// <summary>One axis's noise of one fix, metres; null until enough fixes have been seen.</summary>
    public double? SigmaM => sigmaM;

    /// <summary>Takes in the latest three fixes of a track, oldest first.</summary>
    public void Observe(TrackFix a, TrackFix b, TrackFix c)
    {
        var before = (b.Time - a.Time).TotalSeconds;
        var after = (c.Time - b.Time).TotalSeconds;
        var span = before + after;
        if (before <= 0 || after <= 0 || span > WidestTripleS)
        {
            return;
        }

        var k = before / span;
        var east = b.Point.East - (a.Point.East + ((c.Point.East - a.Point.East) * k));
        var north = b.Point.North - (a.Point.North + ((c.Point.North - a.Point.North) * k));

        // The misfit's variance is the fix's own plus its share of both neighbours'.
        var spread = Math.Sqrt(1 + (k * k) + ((1 - k) * (1 - k)));
        misfits.Add(Math.Sqrt((east * east) + (north * north)) / spread);
        if (misfits.Count > Kept)
        {
            misfits.RemoveAt(0);
        }

        sigmaM = Estimate();
    }

    public void Restore(IEnumerable<double> kept)
    {
        misfits.Clear();
        misfits.AddRange(kept);
        sigmaM = Estimate();
    }

    private double? Estimate()
    {
        if (misfits.Count < needed)
        {
            return null;
        }

        Span<double> sorted = stackalloc double[misfits.Count];
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(misfits).CopyTo(sorted);
        sorted.Sort();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        return median / RayleighMedian;
    }
}
