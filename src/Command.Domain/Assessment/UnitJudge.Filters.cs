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

    // Weighted mean of the fixes within the smoothing window up to fix <paramref name="last"/>, with the window
    // fit's outliers weighted down; and its standard error.
    private (double Mean, double Error) Smooth(Span<double> t, Span<double> y, Span<double> sigma, Span<double> w, int last)
    {
        double sw = 0, swy = 0;
        var from = t[last] - options.SmoothingWindow.TotalSeconds;
        for (var i = last; i >= 0 && (t[i] >= from || i == last); i--)
        {
            if (i == last || sigma[i] <= SetAside)
            {
                sw += w[i];
                swy += w[i] * y[i];
            }
        }

        return (swy / sw, 1 / Math.Sqrt(sw));
    }
}
