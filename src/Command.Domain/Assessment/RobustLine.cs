namespace Command.Domain.Assessment;

/// <summary>
/// A straight line fitted to noisy samples, each weighted by its stated accuracy, with samples whose residual is
/// large against their accuracy weighted down (Huber, a few rounds): indoor GPS throws 30 m outliers that an
/// ordinary least-squares slope would follow.
/// </summary>
/// <param name="Slope">Change per second.</param>
/// <param name="SlopeError">One standard error of the slope.</param>
/// <param name="End">The fitted value at the latest sample's time.</param>
/// <param name="EndError">One standard error of <paramref name="End"/>.</param>
/// <param name="Misfit">How far the samples stray from the line, in units of their stated sigma (about 1 when the line explains them); 0 with two samples.</param>
internal readonly record struct RobustLine(double Slope, double SlopeError, double End, double EndError, double Misfit = 0)
{
    private const double HuberK = 2.0;
    private const double RejectK = 4.0;

    // Below this share of its full weight a sample counts as set aside, not merely weighted down.
    private const double KeptWeight = 1e-3;
    /// <summary>Fewest fixes from which a fit can tell an outlier from a change of pace.</summary>
    public const int RejectMinFixes = 5;
    private const int Rounds = 3;

    /// <summary>Fits samples (seconds, value, one-sigma); null with fewer than two distinct times.</summary>
    public static RobustLine? Fit(ReadOnlySpan<double> t, ReadOnlySpan<double> y, ReadOnlySpan<double> sigma, Span<double> weights)
    {
        var n = t.Length;
        if (n < 2 || t[n - 1] - t[0] <= 0)
        {
            return null;
        }

        for (var i = 0; i < n; i++)
        {
            weights[i] = 1 / (sigma[i] * sigma[i]);
        }

        var line = Solve(t, y, weights);
        for (var round = 0; round < Rounds && n > 2; round++)
        {
            for (var i = 0; i < n; i++)
            {
                var residual = Math.Abs(y[i] - (line.Intercept + (line.Slope * t[i])));
                var limit = HuberK * sigma[i];
                var w = 1 / (sigma[i] * sigma[i]);
                // Huber at first; from the second round a fix further out than RejectK sigma is set aside, when
                // there are enough fixes to tell an outlier from a change of pace.
                weights[i] = round > 0 && n >= RejectMinFixes && residual > RejectK * sigma[i] ? w * 1e-6 : residual > limit ? w * limit / residual : w;
            }

            line = Solve(t, y, weights);
        }

        // Stated accuracy can be optimistic: scale the errors up when the residuals say so.
        var chi = 0.0;
        var stray = 0.0;
        var kept = 0;
        for (var i = 0; i < n; i++)
        {
            var r = y[i] - (line.Intercept + (line.Slope * t[i]));
            chi += weights[i] * r * r;
            if (weights[i] * sigma[i] * sigma[i] > KeptWeight)
            {
                // Unweighted: how far the fixes the line kept stray from it, each in its own sigmas.
                stray += r * r / (sigma[i] * sigma[i]);
                kept++;
            }
        }

        var misfit = kept > 2 ? Math.Sqrt(stray / (kept - 2)) : 0;
        var scale = n > 4 ? Math.Max(1, Math.Sqrt(chi / (n - 2))) : 1;
        var tEnd = t[n - 1] - line.Mean;
        var endVariance = (1 / line.SumW) + (tEnd * tEnd / line.Stt);
        return new RobustLine(line.Slope, scale / Math.Sqrt(line.Stt), line.Intercept + (line.Slope * t[n - 1]), scale * Math.Sqrt(endVariance), misfit);
    }

    private static (double Slope, double Intercept, double Mean, double SumW, double Stt) Solve(ReadOnlySpan<double> t, ReadOnlySpan<double> y, ReadOnlySpan<double> w)
    {
        double sw = 0, st = 0, sy = 0;
        for (var i = 0; i < t.Length; i++)
        {
            sw += w[i];
            st += w[i] * t[i];
            sy += w[i] * y[i];
        }

        var tm = st / sw;
        var ym = sy / sw;
        double stt = 0, sty = 0;
        for (var i = 0; i < t.Length; i++)
        {
            var dt = t[i] - tm;
            stt += w[i] * dt * dt;
            sty += w[i] * dt * (y[i] - ym);
        }

        stt = Math.Max(stt, 1e-12);
        var slope = sty / stt;
        return (slope, ym - (slope * tm), tm, sw, stt);
    }
}
