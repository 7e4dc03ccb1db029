namespace Command.Domain.Assessment;

internal sealed partial class UnitJudge
{
    /// <summary>
    /// Real progress, which alone ends a hold. Judged on the fixes as they came (their sigmas as stated, none set aside by
    /// the window's fit, which took the hold's line and would set the first fixes of a walk aside as outliers). Over the rate window and at least its fixes (the latest fixes only: a
    /// slow device's older fixes are from the hold), the closing rate is at least <see cref="AssessmentOptions.ClearRateMps"/>
    /// with its lower bound (one-sided 95 %) above zero, the fixes lie along that line rather than jumping (a burst of
    /// outliers does not), and the unit (the line's end, and both its latest fixes) is nearer than where it held by more than
    /// <see cref="AssessmentOptions.ClearProgressNoises"/> times the noise of that progress (its own noise over the
    /// fixes the held and the present distances are taken from), or by half that noise where the unit's own receiver says
    /// it heads for the threat (see <see cref="SaysApproach"/>); and those nearer fixes start as a walk, not a jump (see
    /// <see cref="StartsLikeAWalk"/>). A unit drifting on noise, or on a bias
    /// that wanders, shows none of these for long. Outdoors, where every report over the window said the unit stood
    /// (see <see cref="SaidStandingSince"/>), the lower bound must be above the hold speed instead: a phone every 1-3 s
    /// with a wandering bias, its receiver saying 0.1 m/s throughout, was cleared on a line of fixes closing at 0.5 m/s
    /// and flagged again a few fixes later. The rate is that line's: the rate window may still span the hold.
    /// </summary>
    private bool Progressing(Span<double> t, ReadOnlySpan<double> y, Span<double> sigma, double heldAtM, double noiseM, SaidWay way, out double? progressM, out double rateMps)
    {
        var n = t.Length;
        var from = n - 1;
        while (from > 0 && (t[^1] - t[from] < options.RateWindow.TotalSeconds || n - from < options.RateWindowFixes))
        {
            from--;
        }

        progressM = null;
        rateMps = 0;
        Span<double> w = stackalloc double[n - from];
        if (n - from < options.RateWindowFixes || t[^1] - t[from] < options.RateWindow.TotalSeconds
            || RobustLine.Fit(t[from..], y[from..], sigma[from..], w) is not { } line)
        {
            return false;
        }

        // Where the unit is now: the line's end, but no nearer than the further of its latest two fixes, so one fix
        // toward the threat cannot make progress alone. (A smoothed median would lag a walk from a slow device by a
        // fix or two: a walk of 30 s would not show until long after it had.)
        progressM = heldAtM - Math.Max(Math.Max(y[^1], y[^2]), line.End);
        var noises = SaysApproach(way) ? SaidMovingProgressNoises : options.ClearProgressNoises;
        var barM = noises * ProgressErrorM(line.EndError, noiseM);
        if (Jumped(noiseM) || progressM <= barM)
        {
            return false;
        }

        if (!SaysApproach(way) && !StartsLikeAWalk(t, y, heldAtM, barM, noiseM))
        {
            return false;
        }

        var rate = rateMps = -line.Slope;
        // Where the unit's receiver said at every report that it stood, its fixes must rule out its standing, not only
        // its moving away: their rate's lower bound above the hold speed.
        var bar = SaidStandingSince(from) ? options.HoldSpeedMps : 0;
        return (n - from < RobustLine.RejectMinFixes || line.Misfit <= MostMisfit)
            && rate >= options.ClearRateMps
            && rate - (OneSided95 * line.SlopeError) > bar;
    }

    /// <summary>
    /// Whether a unit's receiver, heard indoors, gainsays the progress its fixes show: it said its velocity at every
    /// report over the rate window, <see cref="GainsayReports"/> at least, and they add up to no walk toward the threat
    /// (within 60 degrees, from the middle of its fixes over the window) as long as their own error. Indoors a fall
    /// back's fixes scatter 20-40 m, and now and then their line runs toward the threat fast enough, and far enough, to
    /// pass for progress: officers standing 45 m down the hallway, their receivers saying they stood, were cleared as
    /// "closing at 2.6 m/s, 40 m nearer than where it held" on 6 draws of 120, and flagged again.
    /// </summary>
    private bool WordGainsaysProgress(ThreatTarget target, Span<double> t, Span<double> sigma, double noiseM)
    {
        if (!ReceiverIndoors || !StatedMoving)
        {
            return false;
        }

        var fixes = Track.Fixes;
        var fromS = t[^1] - options.RateWindow.TotalSeconds;
        var reports = 0;
        for (var i = fixes.Count - 1; i >= 0 && t[i] >= fromS; i--)
        {
            if (fixes[i].SpeedMps is not { } speed || (fixes[i].CourseDeg is null && speed > 0))
            {
                return false;
            }

            reports++;
        }

        var toward = target.Point - Middle(t, sigma, t.Length - 1, options.RateWindow.TotalSeconds, SmoothedFixes, noiseM).Point;
        return reports >= GainsayReports && toward.Length >= 1e-9
            && Walked(t, fromS, toward * (1 / toward.Length), 0, GainsayErrors, options.RateWindow.TotalSeconds, IndoorVelocityErrorMps) is null;
    }

    // How many reports over the rate window must have said a unit's velocity for it to gainsay progress: a slower
    // device's reports sample a walk back of 20-30 s once or twice, and may miss it (one reporting every 15 s, back at
    // the threat, was never cleared). And how many times their own error their walk toward the threat must be.
    private const int GainsayReports = 4;
    private const double GainsayErrors = 1;

    /// <summary>
    /// Whether the fixes nearer than where the unit held (by <paramref name="barM"/>) start as a walk does. A unit that
    /// walks on from a stand covers no more in the step to the first of them than in the steps after it (half as much
    /// again, for a dash from cover: <see cref="WalkStartPaces"/>), give or take <see cref="WalkStartNoises"/> of its
    /// noise over them; a burst of multipath outliers toward the threat (one to three fixes 30-80 m off) jumps there at
    /// once, then stands or comes back. From a radio every 20 s that says no speed, two
    /// such fixes were two fixes of progress and cleared a unit standing 200 m out, flagged again a minute later. Judged
    /// while those fixes are no more than a burst lasts (<see cref="BurstFixes"/>), and not near the threat (its latest fix
    /// within the contact radius and <see cref="WalkStartNoises"/> of its noise), where a walk in ends as it arrives.
    /// </summary>
    private bool StartsLikeAWalk(ReadOnlySpan<double> t, ReadOnlySpan<double> y, double heldAtM, double barM, double noiseM)
    {
        var first = y.Length - 1;
        while (first > 0 && heldAtM - y[first - 1] > barM)
        {
            first--;
            if (y.Length - first > BurstFixes)
            {
                // More of them than a burst lasts: a walk, however it began.
                return true;
            }
        }

        if (first == 0 || y.Length - first < 2 || y[^1] <= options.ContactRadiusM + (WalkStartNoises * noiseM))
        {
            return true;
        }

        var (into, after) = (t[first] - t[first - 1], t[^1] - t[first]);
        if (into <= 0 || after <= 0)
        {
            return true;
        }

        var paceInto = (y[first - 1] - y[first]) / into;
        var paceAfter = (y[first] - y[^1]) / after;
        var noise = WalkStartNoises * noiseM * Math.Sqrt((2 / (into * into)) + (2 / (after * after)));
        return paceInto <= (WalkStartPaces * paceAfter) + noise;
    }

    // How many of its noise a walk's first step may outpace the steps after it by, and its last fix stand off the
    // threat's contact radius by and still count as arriving (see StartsLikeAWalk).
    private const double WalkStartNoises = 2;

    // How many times the pace of the steps after it a walk's first step may be: an officer who dashes from cover and
    // then walks covers more in his first step, but not as a burst does, all at once.
    private const double WalkStartPaces = 1.5;

    /// <summary>
    /// How well the progress since the hold is known: where the unit held is a median of its held distances, where it
    /// is now the end of the fitted line, each as uncertain as the unit's own noise over the fixes behind it. A
    /// single fix's noise would ask a unit with 30 m of indoor error for 60 m of progress, a minute at a walk.
    /// </summary>
    private double ProgressErrorM(double endErrorM, double noiseM)
    {
        var held = Episode is { } hold ? Math.Max(1, hold.HeldM.Length) : 1;
        var heldError = MedianEfficiency * noiseM / Math.Sqrt(held);
        return Math.Sqrt((endErrorM * endErrorM) + (heldError * heldError));
    }

    // A step between two fixes longer than a person covers at a run, plus the noise of both fixes, among the latest
    // few: the start of a burst of multipath outliers (one to three fixes 30-80 m off) as often as anything real.
    private bool Jumped(double noiseM, int over = JumpFixes) => Stepped(noiseM, over, RunMps);

    /// <summary>
    /// A step among the latest <paramref name="over"/> fixes that rules out standing still: toward the threat, longer
    /// than a person in kit covers at <paramref name="towardMps"/> (a jog, by default); away from it, longer than at
    /// a run; each plus the noise of both fixes. Toward, it is the unit closing fast, or a burst of outliers toward
    /// the threat, or the return from one away from it; away, a jump. Running away is not held up: a unit that turns
    /// back at a run is judged as it runs.
    /// </summary>
    private bool Stepped(double noiseM, int over, double towardMps = JogMps)
    {
        var fixes = Track.Fixes;
        for (var i = Math.Max(1, fixes.Count - over); i < fixes.Count; i++)
        {
            var dt = (fixes[i].Time - fixes[i - 1].Time).TotalSeconds;
            var pace = distances[i] < distances[i - 1] ? towardMps : RunMps;
            if (fixes[i].Point.DistanceTo(fixes[i - 1].Point) > (pace * dt) + (JumpNoises * Math.Sqrt(2) * noiseM))
            {
                return true;
            }
        }

        return false;
    }

    private const double RunMps = 4;
    private const double JogMps = 2.5;

    // Fixes looked back over for a jump, and how many of both fixes' noise a jump exceeds beyond a run.
    private const int JumpFixes = 3;
    private const double JumpNoises = 3;

    // Fixes that stray from the progress line by more than this many sigmas on average are jumping, not walking.
    private const double MostMisfit = 2.5;
}
