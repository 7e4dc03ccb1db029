namespace Command.Domain.Assessment;

internal sealed partial class UnitJudge
{
    // A hold is confirmed when the fixes since the last progress bound the closing rate below walking pace. The last
    // progress is known only as well as the smoothed distance shows it, a fix or two late: a longer tail, back from it,
    // that still rules out closing is the same hold seen from its start, and says so sooner. Under the sky (see
    // UnderTheSky) the bounds are looser.
    private (bool Confirmed, bool Opening, double StartS) Tail(Span<double> t, Span<double> y, Span<double> sigma, Span<double> w, double since, double earliest, double noiseM, bool underSky)
    {
        var anchorStart = 0;
        while (anchorStart < t.Length && t[anchorStart] < since)
        {
            anchorStart++;
        }

        var (confirmed, opening) = TailFrom(t, y, sigma, w, anchorStart, Track.CadenceS <= QuickCadenceS ? QuickTailZ : underSky ? OpenTailZ : OneSided95);
        if (confirmed && opening)
        {
            return (confirmed, opening, anchorStart < t.Length ? t[anchorStart] : t[^1]);
        }

        if (Episode is { } hold && SetOff(t, y, sigma, w, anchorStart, hold.HeldAtM, noiseM) is { } setOff)
        {
            return (true, true, setOff);
        }

        // ... but not from before the unit was judged against an active threat, nor further back than the smoothed
        // distance reaches (the smoothing window, or the fixes its median takes from a slow device, whose anchor lags
        // a stop by a fix or two): progress the anchor did see (a stair climb shortens the distance slowly) is not a hold.
        var reach = Math.Max(0, anchorStart - (SmoothedFixes - 1));
        var first = 0;
        while (first < anchorStart && (t[first] < earliest || (t[first] < since - options.SmoothingWindow.TotalSeconds && first < reach)))
        {
            first++;
        }

        var step = Math.Max(1, (anchorStart - first) / LongerTails);
        for (var start = first; start < anchorStart; start += step)
        {
            if (TailFrom(t, y, sigma, w, start, underSky ? OpenLongerTailZ : LongerTailZ) is (true, var open))
            {
                return (true, open, t[start]);
            }
        }

        return (confirmed, opening, anchorStart < t.Length ? t[anchorStart] : t[^1]);
    }

    // A unit that held and then set off away from the threat: its fixes since the hold began bend where it set off, and
    // their line says nothing either way until the hold has left the evidence the track keeps. Its fixes over the rate
    // window alone show it moving away.
    private double? SetOff(Span<double> t, Span<double> y, Span<double> sigma, Span<double> w, int anchorStart, double heldAtM, double noiseM)
    {
        var start = t.Length - Math.Max(3, options.RateWindowFixes);
        while (start > anchorStart && t[^1] - t[start] < options.RateWindow.TotalSeconds)
        {
            start--;
        }

        if (start <= anchorStart || t.Length <= BurstFixes)
        {
            return null;
        }

        // All but one of its latest fixes (one more than a burst of multipath lasts) are beyond where it held by more
        // than their noise: a burst away from the threat, however it lines up, has passed before the unit is shown
        // moving away, and one wild fix toward the threat does not hold a real set-off up.
        Span<double> latest = stackalloc double[BurstFixes + 1];
        y[^latest.Length..].CopyTo(latest);
        latest.Sort();
        var beyond = latest[1] - heldAtM;
        return beyond > options.ClearProgressNoises * ProgressErrorM(noiseM, noiseM)
            && TailFrom(t, y, sigma, w, start, LongerTailZ) is (true, true) ? t[start] : null;
    }

    // A device reporting every 5 s or faster has its hold tested on a dozen overlapping tails a minute: each held to
    // 95 %, noise on a unit walking in confirms a hold now and then. Held to 97.7 %, its many fixes still show a
    // real hold in time.
    private const double QuickTailZ = 2;

    // Tails longer than the one from the last progress that are tried: at most six.
    private const int LongerTails = 6;

    // A longer tail is held to a stricter bound than the one from the last progress: it is tried up to six times.
    private const double LongerTailZ = 2;

    // Under the sky (see UnderTheSky), a device reporting less often than every 5 s is held to 93 % on the tail from
    // its last progress, and any device to 95 % on the longer ones (rules version 57). Its fixes there are honest to
    // 3-12 m, and a unit walking in is seldom taken for a hold at those bounds (closing units drew 0.15 false flags in
    // 10 unit-hours on the tuning seeds, 0.19 with them, against a target of 1), while at 95 % and 97.7 % an app every
    // 10-20 s that stopped in the open was flagged a fix after the minute, nine holds in 4,007. Indoors, where a fix
    // is 10-40 m off and the cloud of a unit standing in contact reads as a hold more often, the stricter bounds stay.
    private const double OpenTailZ = 1.5;
    private const double OpenLongerTailZ = OneSided95;

    /// <summary>
    /// Whether the unit stands under the sky: in no building, and the middle of its last 30 s of fixes (three at least)
    /// outside the threat's building, where it is in one, by more than the zone margin. Fixes of a unit in contact
    /// indoors fall out through the wall now and then, and it leaves the building it was committed to; the middle of
    /// them stays in or near it.
    /// </summary>
    private bool UnderTheSky(ThreatTarget target, Span<double> t, Span<double> sigma) =>
        BuildingId is null
        && (target.Building is not { } building
            || !buildings.Holds(building, MedianPoint(t, sigma, t.Length - 1, options.RateWindow.TotalSeconds, SmoothedFixes).Point, options.ZoneExitMarginM));

    // The median of a tail's first fixes (as many as a burst of outliers lasts) is nearer than the median of the rest
    // by more than half what multipath throws a fix.
    private static bool HeadNearer(Span<double> tail)
    {
        Span<double> head = stackalloc double[BurstFixes];
        tail[..BurstFixes].CopyTo(head);
        Span<double> rest = stackalloc double[tail.Length - BurstFixes];
        tail[BurstFixes..].CopyTo(rest);
        return Median(head) < Median(rest) - (MultipathM / 2);
    }

    private (bool Confirmed, bool Opening) TailFrom(Span<double> t, Span<double> y, Span<double> sigma, Span<double> w, int start, double z = OneSided95)
    {
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

        // A tail that bends (away and back again, as a unit returning after falling back) is not one hold: its line
        // through the bend says nothing about either leg.
        var fastestClosing = -tail.Slope + (z * tail.SlopeError);
        var confirmed = fastestClosing < options.HoldSpeedMps && (count < RobustLine.RejectMinFixes || tail.Misfit <= MostMisfit);
        if (confirmed && count is >= 3 and < FewTailFixes)
        {
            // Too few fixes for the fit to set an outlier aside reliably: the hold must show without any one of them,
            // or one wild fix would confirm it. Away from the threat at the end of the tail it reads as a stop; toward
            // it earlier on, progress is counted from it and the unit's real fixes after it read as a stop or a
            // retreat: an app every 15 s walking in was flagged holding on its fifth fix. The latest is needed from a
            // device reporting every 25 s or slower, whose two fixes are a tail, and from five fixes on the fit sets a
            // wild latest fix aside.
            var last = count < RobustLine.RejectMinFixes && t[^1] - t[^2] < SlowCadenceS ? t.Length : t.Length - 1;
            confirmed = HoldsWithoutAnyOne(t, y, sigma, start, last);
        }

        if (confirmed && count >= BurstFixes + 3 && HeadNearer(y[start..]))
        {
            // The tail's first few fixes are nearer than the rest by more than noise: a burst of outliers toward the
            // threat makes a unit walking in look as if it fell back from where the burst put it. The hold must show
            // without them too.
            var later = start + BurstFixes;
            confirmed = RobustLine.Fit(t[later..], y[later..], sigma[later..], w[later..]) is { } rest
                && -rest.Slope + (z * rest.SlopeError) < options.HoldSpeedMps;
        }

        return (confirmed, count >= 3 && fastestClosing < -options.MovingRateMps);
    }

    /// <summary>
    /// Whether the fixes from <paramref name="start"/> on still put the unit's closing rate below walking pace with
    /// each one before <paramref name="end"/> left out in turn.
    /// </summary>
    private bool HoldsWithoutAnyOne(Span<double> t, Span<double> y, Span<double> sigma, int start, int end)
    {
        var left = t.Length - start - 1;
        Span<double> tt = stackalloc double[left];
        Span<double> yy = stackalloc double[left];
        Span<double> ss = stackalloc double[left];
        Span<double> ww = stackalloc double[left];
        for (var skip = start; skip < end; skip++)
        {
            var k = 0;
            for (var i = start; i < t.Length; i++)
            {
                if (i != skip)
                {
                    (tt[k], yy[k], ss[k]) = (t[i], y[i], sigma[i]);
                    k++;
                }
            }

            // Two fixes left are a weak line: they must rule out closing by one standard error, not merely point away
            // from it, or the noise of a slow device's second and third fixes confirms what a wild first one began.
            if (RobustLine.Fit(tt, yy, ss, ww) is not { } without || -without.Slope + (left == 2 ? without.SlopeError : 0) >= options.HoldSpeedMps)
            {
                return false;
            }
        }

        return true;
    }

    // Tails shorter than this are tested without each of their fixes in turn.
    private const int FewTailFixes = 6;

    // Over the rate window: the fixes from <paramref name="from"/> on, whose times are <paramref name="t"/>.
    private bool Climbing(Span<double> t, IReadOnlyList<TrackFix> fixes, int from)
    {
        var n = fixes.Count - from;
        if (n < 2 || BaseAltitudeM is null)
        {
            return false;
        }

        Span<double> z = stackalloc double[n];
        Span<double> s = stackalloc double[n];
        Span<double> w = stackalloc double[n];
        for (var i = 0; i < n; i++)
        {
            if (fixes[from + i].AltitudeM is not { } alt)
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
            latestWalk = null;
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
            var (judged, walk) = target.Reach(fixes[i], BaseAltitudeM, InThreatsBuilding(target));
            distances.Add(judged);
            distanceTimes.Add(fixes[i].Time);
            latestWalk = walk;
        }
    }
}
