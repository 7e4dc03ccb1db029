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
}
