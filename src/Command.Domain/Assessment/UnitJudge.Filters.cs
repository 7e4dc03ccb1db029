namespace Command.Domain.Assessment;

internal sealed partial class UnitJudge
{
    // A fix far off the line through its neighbours, further than its accuracy and a change of pace explain, is
    // an outlier even in a short window (fewer than five fixes) where a line fit cannot tell: it is set aside
    // from every fit. The first fix is checked against the line through the next two; the latest is not checked
    // until the next one arrives (progress needs two fixes, so it cannot move the anchor alone).
    private static void SetAsideSpikes(Span<double> t, ReadOnlySpan<double> y, Span<double> sigma, Span<double> w)
    {
        var n = t.Length;
        for (var i = 0; i < n - 1 && n >= 3; i++)
        {
            var (a, b) = i == 0 ? (1, 2) : (i - 1, i + 1);
            var expected = y[a] + ((y[b] - y[a]) * (t[i] - t[a]) / (t[b] - t[a]));
            var gap = i == 0 ? t[1] - t[0] : Math.Min(t[i] - t[i - 1], t[i + 1] - t[i]);
            if (Math.Abs(y[i] - expected) > (SpikeSigmas * sigma[i]) + (PaceChangeMps * gap))
            {
                sigma[i] *= 1e3;
                w[i] = 1 / (sigma[i] * sigma[i]);
            }
        }
    }

    private static bool SetAsideAt(DateTimeOffset time, IReadOnlyList<TrackFix> fixes, Span<double> sigma)
    {
        for (var i = 0; i < fixes.Count; i++)
        {
            if (fixes[i].Time == time)
            {
                return sigma[i] > SetAside;
            }
        }

        return false;
    }

    private static double Margin(double a, double b) => Math.Max(1, Z * Math.Sqrt((a * a) + (b * b)));

    // The median of the fixes within the smoothing window up to fix <paramref name="last"/> (at least three, where the
    // track has them), leaving out the window fit's outliers; and its standard error. A median of three passes over
    // one outlier, and progress needs the median at two fixes in a row, so a burst of two cannot make it.
    private (double Mean, double Error) Smooth(Span<double> t, Span<double> y, Span<double> sigma, Span<double> w, int last)
    {
        Span<double> taken = stackalloc double[last + 1];
        double sw = 0;
        var count = 0;
        var from = t[last] - options.SmoothingWindow.TotalSeconds;
        for (var i = last; i >= 0 && (t[i] >= from || count < SmoothedFixes); i--)
        {
            if (i == last || sigma[i] <= SetAside)
            {
                sw += w[i];
                taken[count++] = y[i];
            }
        }

        // A median's error is a quarter more than a mean's.
        return (Median(taken[..count]), MedianEfficiency / Math.Sqrt(sw));
    }

    private const int SmoothedFixes = 3;
    private const double MedianEfficiency = 1.25;
}
