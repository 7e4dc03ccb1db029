namespace Command.Domain.Assessment;

internal sealed partial class UnitJudge
{
    private const double Z = 2;
    private const double SlowCadenceS = 25;
    private const double OneSided95 = 1.645;
    private const double SpikeSigmas = 4;

    // Sigma beyond which a fix counts as set aside (spikes are scaled up a thousandfold).
    private const double SetAside = 500;
    private const double PaceChangeMps = 2;

    /// <summary>
    /// Measures against <paramref name="target"/>. Only event processing commits: a new fix advances the progress
    /// anchor, a moved threat re-measures it; a read for the board changes nothing, so live and replay agree.
    /// </summary>
    private Measurement Measure(ThreatTarget target, bool advance, bool commit)
    {
        if (!advance && measured is not null && measured.Target == target)
        {
            return measured;
        }

        var fixes = Track.Fixes;
        var n = fixes.Count;
        Distances(target);
        var t0 = fixes[0].Time;
        Span<double> t = stackalloc double[n];
        Span<double> sigma = stackalloc double[n];
        Span<double> w = stackalloc double[n];
        var y = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(distances);
        for (var i = 0; i < n; i++)
        {
            t[i] = (fixes[i].Time - t0).TotalSeconds;
            sigma[i] = fixes[i].Sigma;
            w[i] = 1 / (sigma[i] * sigma[i]);
        }

        if (n < RobustLine.RejectMinFixes)
        {
            SetAsideSpikes(t, y, sigma, w);
        }
        var window = RobustLine.Fit(t, y, sigma, w);

        // A fix the window fit set aside as an outlier stays aside in the tail's fit. Fixes it merely weighted
        // down keep their accuracy there: a line through a stop has large residuals that are not noise.
        for (var i = 0; i < n; i++)
        {
            if (w[i] * sigma[i] * sigma[i] < 1e-3)
            {
                sigma[i] = 1 / Math.Sqrt(w[i]);
            }
        }

        var enoughForRate = window is not null && (n >= options.RateWindowFixes || t[^1] - t[0] >= options.RateWindow.TotalSeconds);

        // The smoothed distance at the latest fix and at the one before. Progress needs both to show it, so a
        // single outlier toward the threat cannot move the anchor (at a 10-30 s cadence it is one fix of two).
        var (smoothed, error) = Smooth(t, y, sigma, w, n - 1);
        var previous = n - 2;
        while (previous > 0 && sigma[previous] > SetAside)
        {
            previous--;
        }

        var (before, _) = previous >= 0 ? Smooth(t, y, sigma, w, previous) : (smoothed, error);
        var high = Math.Max(smoothed, before);
        var low = Math.Min(smoothed, before);
        var climbing = Climbing(t, fixes);
        var latest = fixes[^1];
        var anchor = Anchor;
        if (anchor is not null && SetAsideAt(anchor.Time, fixes, sigma) && high > anchor.DistanceM)
        {
            // The progress the anchor recorded was an outlier's: measure from where the unit really was.
            anchor = anchor with { DistanceM = high, ErrorM = error };
        }

        if (anchor is null || !target.Matches(anchor))
        {
            // A new or moved threat: progress is measured afresh, but the time of the last progress stands.
            anchor = new ProgressAnchor(anchor?.Time ?? latest.Time, smoothed, error, target.Threat.ThreatId, target.Point, target.Floor);
        }
        else if (advance && (climbing || high < anchor.DistanceM - Margin(error, anchor.ErrorM)))
        {
            // Both smoothed fixes are past the anchor: progress was made by the earlier one, and goes on to the
            // latest only if that one is clearly past the earlier too.
            var still = n > 1 && smoothed >= before - Margin(error, error);
            anchor = anchor with { Time = still && !climbing ? fixes[n - 2].Time : latest.Time, DistanceM = high, ErrorM = error };
        }

        var cache = commit || anchor == Anchor;
        if (commit)
        {
            Anchor = anchor;
        }

        var (confirmed, opening) = Tail(t, y, sigma, w, (anchor.Time - t0).TotalSeconds);
        var rise = latest.AltitudeM is { } alt && BaseAltitudeM is { } ground ? alt - ground : (double?)null;

        // Half a floor up or down since the last progress is a stair climb, however slow the device's cadence.
        var changedFloor = false;
        for (var i = 0; i < n && latest.AltitudeM is { } now; i++)
        {
            if (fixes[i].Time >= anchor.Time && fixes[i].AltitudeM is { } then)
            {
                changedFloor = Math.Abs(now - then) >= options.FloorHeightM / 2;
                break;
            }
        }

        var m = new Measurement(
            target,
            latest.Point.DistanceTo(target.Point),
            target.Field is null ? null : distances[^1],
            smoothed,
            low,
            high,
            enoughForRate ? window!.Value.End : smoothed,
            enoughForRate ? -window!.Value.Slope : null,
            confirmed,
            opening,
            confirmed ? (latest.Time - anchor.Time).TotalSeconds : 0,
            climbing || changedFloor,
            target.NearStairs(latest, BaseAltitudeM),
            rise is { } up ? (int)Math.Round(up / options.FloorHeightM) : null);
        if (cache)
        {
            measured = m;
        }

        return m;
    }

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

    // A hold is confirmed when the fixes since the last progress bound the closing rate below walking pace.
    private (bool Confirmed, bool Opening) Tail(Span<double> t, Span<double> y, Span<double> sigma, Span<double> w, double since)
    {
        var start = 0;
        while (start < t.Length && t[start] < since)
        {
            start++;
        }

        // Two fixes are enough from a device that reports every 25 s or slower; otherwise three, so that one
        // outlier cannot confirm a hold on its own.
        // And no hold is confirmed before the rate window is full: a track's first fix has nothing to check it by.
        var count = t.Length - start;
        if (count < 2 || (count < 3 && t[^1] - t[start] < SlowCadenceS) || t[^1] - t[0] < options.RateWindow.TotalSeconds)
        {
            return (false, false);
        }

        if (RobustLine.Fit(t[start..], y[start..], sigma[start..], w[start..]) is not { } tail)
        {
            return (false, false);
        }

        var fastestClosing = -tail.Slope + (OneSided95 * tail.SlopeError);
        var confirmed = fastestClosing < options.HoldSpeedMps;
        if (confirmed && count is >= 3 and < RobustLine.RejectMinFixes && t[^1] - t[^2] < SlowCadenceS)
        {
            // Too few fixes for the fit to set an outlier aside: the hold must show without the latest fix too,
            // or one wild fix away from the threat would confirm it.
            var earlier = RobustLine.Fit(t[start..^1], y[start..^1], sigma[start..^1], w[start..^1]);
            confirmed = earlier is { } e && -e.Slope < options.HoldSpeedMps;
        }

        return (confirmed, count >= 3 && fastestClosing < -options.MovingRateMps);
    }

    private bool Climbing(Span<double> t, IReadOnlyList<TrackFix> fixes)
    {
        var n = fixes.Count;
        if (n < 2 || BaseAltitudeM is null)
        {
            return false;
        }

        Span<double> z = stackalloc double[n];
        Span<double> s = stackalloc double[n];
        Span<double> w = stackalloc double[n];
        for (var i = 0; i < n; i++)
        {
            if (fixes[i].AltitudeM is not { } alt)
            {
                return false;
            }

            z[i] = alt;
            s[i] = VerticalSigmaM;
        }

        return RobustLine.Fit(t, z, s, w) is { } line && Math.Abs(line.Slope) - (Z * line.SlopeError) > options.ClimbRateMps;
    }

    // Barometric altitude from a phone or tracker: about a metre from one fix to the next.
    private const double VerticalSigmaM = 1;

    private void Distances(ThreatTarget target)
    {
        var fixes = Track.Fixes;
        if (distancesFor != target)
        {
            distances.Clear();
            distanceTimes.Clear();
            distancesFor = target;
        }

        // The track only drops fixes from the front and adds them at the back: keep the distances aligned.
        var stale = 0;
        while (stale < distanceTimes.Count && distanceTimes[stale] < fixes[0].Time)
        {
            stale++;
        }

        distances.RemoveRange(0, stale);
        distanceTimes.RemoveRange(0, stale);
        for (var i = distances.Count; i < fixes.Count; i++)
        {
            distances.Add(target.Distance(fixes[i], BaseAltitudeM));
            distanceTimes.Add(fixes[i].Time);
        }
    }
}
