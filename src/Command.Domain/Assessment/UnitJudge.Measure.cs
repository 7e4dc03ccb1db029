namespace Command.Domain.Assessment;

internal sealed partial class UnitJudge
{
    private const double Z = 2;

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

        var window = RobustLine.Fit(t, y, sigma, w);
        var enoughForRate = window is not null && (n >= options.RateWindowFixes || t[^1] - t[0] >= options.RateWindow.TotalSeconds);

        // The smoothed distance: weighted mean of the last few seconds, with the window's outliers weighted down.
        double sw = 0, swy = 0;
        var from = t[^1] - options.SmoothingWindow.TotalSeconds;
        for (var i = n - 1; i >= 0 && (t[i] >= from || i == n - 1); i--)
        {
            sw += w[i];
            swy += w[i] * y[i];
        }

        var smoothed = swy / sw;
        var error = 1 / Math.Sqrt(sw);
        var climbing = Climbing(t, fixes);
        var latest = fixes[^1];
        var anchor = Anchor;
        if (anchor is null || !target.Matches(anchor))
        {
            // A new or moved threat: progress is measured afresh, but the time of the last progress stands.
            anchor = new ProgressAnchor(anchor?.Time ?? latest.Time, smoothed, error, target.Threat.ThreatId, target.Point, target.Floor);
        }
        else if (advance && (climbing || smoothed < anchor.DistanceM - Math.Max(1, Z * Math.Sqrt((error * error) + (anchor.ErrorM * anchor.ErrorM)))))
        {
            anchor = anchor with { Time = latest.Time, DistanceM = smoothed, ErrorM = error };
        }

        var cache = commit || anchor == Anchor;
        if (commit)
        {
            Anchor = anchor;
        }

        var (confirmed, opening) = Tail(t, y, sigma, w, (anchor.Time - t0).TotalSeconds);
        var rise = latest.AltitudeM is { } alt && BaseAltitudeM is { } ground ? alt - ground : (double?)null;
        var m = new Measurement(
            target,
            latest.Point.DistanceTo(target.Point),
            target.Field is null ? null : distances[^1],
            smoothed,
            enoughForRate ? window!.Value.End : smoothed,
            enoughForRate ? -window!.Value.Slope : null,
            confirmed,
            opening,
            confirmed ? (latest.Time - anchor.Time).TotalSeconds : 0,
            climbing,
            target.NearStairs(latest, BaseAltitudeM),
            rise is { } up ? (int)Math.Round(up / options.FloorHeightM) : null);
        if (cache)
        {
            measured = m;
        }

        return m;
    }

    // A hold is confirmed when the fixes since the last progress bound the closing rate below walking pace.
    private (bool Confirmed, bool Opening) Tail(Span<double> t, Span<double> y, Span<double> sigma, Span<double> w, double since)
    {
        var start = 0;
        while (start < t.Length && t[start] < since)
        {
            start++;
        }

        if (t.Length - start < 2)
        {
            return (false, false);
        }

        if (RobustLine.Fit(t[start..], y[start..], sigma[start..], w[start..]) is not { } tail)
        {
            return (false, false);
        }

        var fastestClosing = -tail.Slope + (Z * tail.SlopeError);
        return (fastestClosing < options.HoldSpeedMps, fastestClosing < -options.MovingRateMps);
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
