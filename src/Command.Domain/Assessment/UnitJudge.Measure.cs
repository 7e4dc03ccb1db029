namespace Command.Domain.Assessment;

internal sealed partial class UnitJudge
{
    private const double Z = 2;
    private const double SlowCadenceS = 25;
    private const double OneSided95 = 1.645;
    private const double SpikeSigmas = 4;

    // Fewest fixes a track keeps however slowly its unit reports: enough to learn its noise and to tell an outlier
    // from a change of pace.
    private const int KeptFixes = 7;

    // Sigma beyond which a fix counts as set aside (spikes are scaled up a thousandfold).
    private const double SetAside = 500;
    private const double PaceChangeMps = 2;
    private const double QuickCadenceS = 5;

    /// <summary>
    /// Measures against <paramref name="target"/>. Only event processing commits: a new fix advances the progress
    /// anchor, a moved threat re-measures it; a read for the board changes nothing, so live and replay agree.
    /// </summary>
    private Measurement Measure(ThreatTarget target, bool advance, bool commit)
    {
        if (!advance && !commit && measured is not null && measured.Target == target)
        {
            return measured;
        }

        var fixes = Track.Fixes;
        var n = fixes.Count;
        Distances(target);
        var noise = NoiseM(fixes);
        var t0 = fixes[0].Time;
        Span<double> t = stackalloc double[n];
        Span<double> sigma = stackalloc double[n];
        Span<double> stated = stackalloc double[n];
        Span<double> w = stackalloc double[n];
        var y = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(distances);
        for (var i = 0; i < n; i++)
        {
            t[i] = (fixes[i].Time - t0).TotalSeconds;
            sigma[i] = stated[i] = Math.Max(fixes[i].Sigma, noise);
            w[i] = 1 / (sigma[i] * sigma[i]);
        }

        if (n < RobustLine.RejectMinFixes)
        {
            SetAsideSpikes(t, y, sigma, w);
        }

        // The rate is measured over the window; the hold test looks further back, over the fixes since the last
        // progress, however long ago (up to the evidence the track keeps).
        var from = WindowStart(t);
        var window = RobustLine.Fit(t[from..], y[from..], sigma[from..], w[from..]);

        // A fix the window fit set aside as an outlier stays aside in the tail's fit, if it is as far off as
        // multipath throws a fix, and not where the unit stopped short of the threat (see StoppedShort). Fixes it merely
        // weighted down keep their accuracy there, and so do fixes nearer its line than that: a line through a stop has
        // large residuals that are not noise, and from a clean device they are many sigmas.
        // Where the unit stopped short is looked for only once a fix is set aside: most measurements set none aside.
        int? stoppedFrom = null;
        for (var i = from; i < n; i++)
        {
            if (w[i] * sigma[i] * sigma[i] < 1e-3 && window is { } line && Math.Abs(y[i] - (line.End + (line.Slope * (t[i] - t[^1])))) > MultipathM
                && i < (stoppedFrom ??= StoppedShortFrom(target, t, y, stated)) && !StoppedShort(target, t, y, sigma, stated, line, i))
            {
                sigma[i] = 1 / Math.Sqrt(w[i]);
            }
        }

        var enoughForRate = window is not null && (n - from >= options.RateWindowFixes || t[^1] - t[from] >= options.RateWindow.TotalSeconds);

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
        var climbing = Climbing(t[from..], fixes, from);
        var latest = fixes[^1];
        // Progress is being nearer while the window's line shows the unit closing: a unit standing still with noisy
        // fixes is now and then nearer by a margin on two smoothed fixes in a row, but its line seldom says it closes.
        var closing = window is not { } trend || !enoughForRate || -trend.Slope - (OneSided95 * trend.SlopeError) > 0;
        var anchor = NextAnchor(target, advance, t, y, sigma, w, smoothed, error, before, high, climbing, closing);
        var cache = commit || anchor == Anchor;
        // A unit on the stairs makes progress the flat distance does not show: no hold while it climbs, or once it is
        // half a floor from where it last made progress.
        var stairs = climbing || ChangedFloor(fixes, anchor);
        var earliest = anchor.JudgedFrom is { } judgedFrom ? (judgedFrom - t0).TotalSeconds : double.NegativeInfinity;
        var (confirmed, opening, tailS) = stairs ? (false, false, 0.0) : Tail(t, y, sigma, w, (anchor.Time - t0).TotalSeconds, earliest, noise, UnderTheSky(target, t, sigma));
        if (confirmed && Stepped(noise, Track.CadenceS is > QuickCadenceS ? JumpFixes : TailJumpFixes))
        {
            // A burst of outliers away from the threat looks like a stop, and so does the return from one toward it:
            // wait until it has passed. A unit whose fixes close faster than a jog is not standing still either.
            (confirmed, opening) = (false, false);
        }

        var said = SaysWay(target, t, sigma, noise);
        var way = said.Way;
        if (confirmed && way == SaidWay.Toward && Episode is null && !StandsOnItsFixes(t, y, sigma, (anchor.Time - t0).TotalSeconds))
        {
            // The unit's receiver says it heads for the threat: however its fixes scatter, it is not holding — unless
            // they rule it out, as a device that repeats a speed it no longer measures sends them. (In a hold, where it
            // still shows the hold is kept as before: progress is counted from there.)
            (confirmed, opening) = (false, false);
        }

        var saidStill = false;
        if (advance && !stairs && (!confirmed || (Episode is null && HoldStreak + 1 < HoldFixes()))
            && SaidStillFrom(t, y, sigma, earliest, anchor.ClearedAt is { } cleared ? (cleared - t0).TotalSeconds : null) is { } stillFromS)
        {
            // The unit's receiver says it stands still, and its fixes do not say it walks in: it holds, from its first
            // report that said so, with no streak of fixes to wait for (its speed does not jump with multipath), whether
            // or not its fixes have begun to show the hold (ATAK over the mesh, still every 30 s, was otherwise flagged
            // only once they had shown it on a streak, straight to an alert). On a new fix only: measured again as a unit
            // is sent in from staging, it is not yet judged from then.
            (confirmed, opening, saidStill) = (true, false, true);
            tailS = Math.Min(tailS, stillFromS);
        }

        var saidAway = false;
        if (advance && !(confirmed && opening) && !stairs && SaidHeadingFrom(SaidWay.Away, target, t, sigma, noise, earliest) is { } awayFromS)
        {
            // The unit's receiver has said for 10 s that it heads away from the threat: it is moving away, from its first
            // report that said so, with no streak of fixes to wait for.
            (confirmed, opening, saidAway) = (true, true, true);
            tailS = Math.Min(tailS, awayFromS);
        }

        // One fix of evidence is one fix an outlier burst can fake: a hold starts only once it has shown on several
        // fixes in a row, and ends only once progress has.
        var holdStreak = advance ? (confirmed ? HoldStreak + 1 : 0) : HoldStreak;
        var openingStreak = advance ? (confirmed && opening ? OpeningStreak + 1 : 0) : OpeningStreak;
        var episode = Episode;
        if (episode is not null && Anchor is { } measuredFrom && !target.Matches(measuredFrom))
        {
            // The threat moved (or another is now the nearest): where the unit held is where it stands now, measured
            // against the threat where it is. Its distances to where the threat was read as a walk: a commander's drag
            // of the threat 100 m north had an officer standing still "86 m further out than where it stopped", and its
            // flag cleared as "590986 m nearer than where it held" once a marker from another drill was put right.
            episode = episode with { HeldM = [smoothed], StoppedAtM = smoothed };
        }

        double? progress = episode is null ? null : episode.HeldAtM - (enoughForRate ? window!.Value.End : smoothed);
        var progressRate = 0.0;
        // A unit shown moving away is judged from where it turned, not from the middle of its retreat.
        var heldAt = episode is null ? double.NaN : State == MotionState.Opening ? Math.Max(episode.HeldAtM, episode.TurnedAtM) : episode.HeldAtM;
        var progressNow = episode is not null && Progressing(t, y, stated, heldAt, noise, way, out progress, out progressRate);
        progressNow = progressNow && !WordGainsaysProgress(target, t, sigma, noise);
        var saidProgress = false;
        double? walkedIn = null;
        if (episode is not null && !progressNow && way == SaidWay.Toward
            && SaidHeadingFrom(SaidWay.Toward, target, t, sigma, noise, earliest) is { } headingFrom && headingFrom >= (episode.Since - t0).TotalSeconds
            && (heldAt - smoothed > 0 || (walkedIn = WalkedIn(target, t, sigma, noise, headingFrom)) is not null))
        {
            // The unit's receiver has said for 10 s since the hold began that it heads for the threat, and its fixes put
            // it nearer than where it held, or its reports add up to a walk toward the threat: that is progress,
            // measured, however far its noise leaves the fixes' line.
            (progressNow, saidProgress) = (true, true);
            progress = walkedIn ?? heldAt - smoothed;
            progressRate = said.ClosingMps ?? 0;
        }

        var progressStreak = advance ? (progressNow ? ProgressStreak + 1 : 0) : ProgressStreak;
        var progressing = progressNow && progressStreak >= ProgressFixesNeeded(way);
        var inReach = confirmed && !progressNow && episode is null ? StandsInReach(target, t, sigma, noise, tailS) : null;
        confirmed &= !progressNow;
        if (progressing || stairs)
        {
            // Real progress ends the hold, and is progress: the next hold is judged from here, not from where the
            // unit was before it fell back.
            if (progressing && episode is not null)
            {
                anchor = anchor with { Time = latest.Time, DistanceM = Math.Min(anchor.DistanceM, high), ErrorM = error, ClearedAt = latest.Time };
            }

            episode = null;
        }
        else if (episode is not null && confirmed && episode.HeldAtM - smoothed <= options.ClearProgressNoises * ProgressErrorM(error, noise))
        {
            // Where the unit still shows the hold is where progress is counted from; a distance already nearer than
            // that by more than its noise is the start of progress the hold test has not yet let go of, not the hold.
            episode = episode.HeldAt(smoothed);
        }
        else if (episode is null && confirmed && (holdStreak >= HoldFixes() || saidStill || saidAway) && FellBackFrom is null && inReach is null)
        {
            // A hold is flagged only where the unit is plainly out of contact: one that stands still where its fixes
            // cannot tell it from a unit in contact (indoors, a noisy radio may never show within the radius) waits
            // until they can, its hold still counted from its start. A unit that left contact, but not plainly, holds
            // still wherever it is: its fall back is a hold once it is plainly out of contact; see Settle.
            var since = t0.AddSeconds(tailS);
            episode = new HoldEpisode(since < anchor.Time ? since : anchor.Time, [smoothed], SaidStill: saidStill, HeldOutside: HoldsOutside(target), StoppedAtM: smoothed);
        }

        var arrival = Arrive(target, t, sigma, noise, commit, window is { } away && -away.Slope + (OneSided95 * away.SlopeError) < -options.MovingRateMps);
        if (commit)
        {
            Anchor = anchor;
            Episode = WalkedOn(t, episode);
            FellBackFrom = progressing ? null : FellBackFrom;
            HoldStreak = holdStreak;
            OpeningStreak = openingStreak;
            ProgressStreak = progressStreak;
        }

        var m = new Measurement(
            target,
            latest.Point.DistanceTo(target.Point),
            target.Field is null ? null : latestWalk ?? target.Walk(latest, BaseAltitudeM, InThreatsBuilding(target)),
            smoothed,
            enoughForRate ? window!.Value.End : smoothed,
            progressing ? progressRate : SaidRateMps(said) ?? (enoughForRate ? -window!.Value.Slope : null),
            confirmed,
            opening || episode?.FellBack == true,
            episode is null ? 0 : (latest.Time - episode.Since).TotalSeconds,
            stairs,
            target.NearStairs(latest, BaseAltitudeM),
            latest.Floor,
            arrival,
            progressing,
            progressing ? progress : episode is null ? null : episode.HeldAtM - smoothed,
            noise,
            inReach,
            progressing && saidProgress,
            saidAway && confirmed,
            progressing && saidProgress && walkedIn is not null);
        if (cache)
        {
            measured = m;
        }

        return m;
    }

    /// <summary>
    /// Where the unit's latest fixes show it stopped short of the threat at the end of a run in: the first of the latest
    /// two fixes or more that each agree with the one before within their joint error, where the pace from the fix
    /// before them to the first of them would have carried the unit past the threat by the latest, and none of them is
    /// inside the threat's building. The track's length where there is no such stop. A slow radio that ran in and
    /// stopped 45 m out, outside the building, has a window of a few fixes whose line runs through the run; its fixes
    /// at the stop lie off that line by the length of the run since, and were set aside as multipath with each fix
    /// after them, until the run had left the window: the officer who held outside was flagged three or four fixes
    /// late, two minutes from a radio every 30 s. A burst of multipath seldom lands where the fix before it was, since
    /// the unit's own pace has carried it on since; and the pace must have carried it past the threat, so a burst far
    /// out on a walk in is no stop. Inside the threat's building the fixes of a unit in contact scatter as far as a
    /// stop short of it, and it is judged on its arrival.
    /// </summary>
    private int StoppedShortFrom(ThreatTarget target, Span<double> t, Span<double> y, Span<double> stated)
    {
        var n = t.Length;
        var first = n - 1;
        while (first > 0 && Agree(y, stated, first - 1, first))
        {
            first--;
        }

        if (first == 0 || n - first < 2)
        {
            return n;
        }

        var pace = (y[first] - y[first - 1]) / (t[first] - t[first - 1]);
        return pace < 0 && y[first] + (pace * (t[^1] - t[first])) < 0 && OutsideThreatsBuilding(target, first) ? first : n;
    }

    /// <summary>
    /// Whether fix <paramref name="i"/>, off the window's line by more than multipath throws a fix, is where the unit
    /// stopped short of the threat: where the window's line has the unit past the threat, it agrees with the fix before
    /// it, which stands on the line's evidence, and neither it nor any fix since is inside the threat's building. The line of a window of a few
    /// fixes bent by a stop is no better than its fixes, and may set aside the stop's first fix with the rest.
    /// </summary>
    private bool StoppedShort(ThreatTarget target, Span<double> t, Span<double> y, Span<double> sigma, Span<double> stated, RobustLine line, int i) =>
        i > 0 && line.End + (line.Slope * (t[i] - t[^1])) < 0 && sigma[i - 1] <= SetAside && Agree(y, stated, i - 1, i)
        && OutsideThreatsBuilding(target, i);

    // Two fixes' distances agree within their joint error (one standard error: a stop shows so on two fixes in three).
    private static bool Agree(Span<double> y, Span<double> sigma, int a, int b) =>
        Math.Abs(y[b] - y[a]) <= Math.Sqrt((sigma[a] * sigma[a]) + (sigma[b] * sigma[b]));

    // None of the fixes from `first` on is inside the building the threat is in.
    private bool OutsideThreatsBuilding(ThreatTarget target, int first)
    {
        if (target.Building is not { } building)
        {
            return true;
        }

        for (var i = first; i < Track.Fixes.Count; i++)
        {
            if (buildings.Containing(Track.Fixes[i].Point) == building)
            {
                return false;
            }
        }

        return true;
    }

    // Fixes looked back over for a jump before a hold is confirmed, from a device reporting every 5 s or faster: a
    // burst of outliers toward the threat that has just passed leaves the unit looking as if it fell back from where
    // the burst put it. (A slower device's burst has long passed three fixes later.)
    private const int TailJumpFixes = 6;

    /// <summary>The first fix of the rate window: within the window of the latest, back to one at or before its start, and at least its fixes.</summary>
    private int WindowStart(ReadOnlySpan<double> t)
    {
        var n = t.Length;
        var from = n - 1;
        while (from > 0 && (t[^1] - t[from] < WindowS || n - from < WindowFixes))
        {
            from--;
        }

        return from;
    }

    /// <summary>
    /// Whether the unit's fixes since its last progress (at <paramref name="sinceS"/>), over twice the rate window and at
    /// least its fixes, rule out its closing at the hold speed: their line's closing rate is below it by its one-sided
    /// 95 % bound. Over 30 s, noisy fixes of a unit walking in did so now and then, and it was flagged; over 60 s they
    /// seldom do, and a unit that has stood that long is flagged though its device goes on saying it walks in. Fixes from
    /// before its last progress are not of a stand: a unit that turned back from a retreat, and was cleared, was flagged
    /// holding (or moving away, on a burst of fixes behind it) while it walked in at 1.6 m/s, on a line through the
    /// retreat.
    /// </summary>
    private bool StandsOnItsFixes(Span<double> t, Span<double> y, Span<double> sigma, double sinceS)
    {
        var n = t.Length;
        var from = n - 1;
        while (from > 0 && t[from - 1] >= sinceS && (t[^1] - t[from] < StoodS || n - from < WindowFixes))
        {
            from--;
        }

        Span<double> weights = stackalloc double[n - from];
        return t[^1] - t[from] >= StoodS
            && RobustLine.Fit(t[from..], y[from..], sigma[from..], weights) is { } line
            && -line.Slope + (OneSided95 * line.SlopeError) < options.HoldSpeedMps;
    }

    // How long a unit's fixes must show it standing for them to be believed over its receiver's word that it walks in.
    private double StoodS => 2 * options.RateWindow.TotalSeconds;

    // The window the rate and outliers are judged over, seconds, and its fewest fixes.
    private double WindowS => Math.Max(options.RateWindow.TotalSeconds, options.SmoothingWindow.TotalSeconds);

    private int WindowFixes => Math.Max(options.RateWindowFixes, KeptFixes);

    // How far back the hold test looks for the fixes since the last progress: two minutes, and at most 40 fixes (40 s
    // of a device reporting every second, which has evidence enough in that).
    private const double HoldEvidenceS = 120;
    private const int MostKeptFixes = 40;

    // The least that multipath throws a fix off: 30 m.
    private const double MultipathM = 30;

    // Judged fixes in a row that must show progress before a hold ends, on a device quick enough to afford it (every
    // 5 s or faster): as many as a burst of multipath outliers (one to three fixes) lasts, for progress is measured at
    // the further of the latest two fixes, so a burst toward the threat shows it on one fix fewer than it lasts. One
    // from a slower device, whose rate window already spans several fixes and sets an outlier aside. One from a unit
    // whose receiver says it walks, which a burst does not fake; and one more than a burst lasts from a unit whose
    // receiver says it stands still: a burst toward the threat from a slow device, or the noise of a phone standing
    // for ten minutes, cleared a flag and raised it again a fix or two later.
    private int ProgressFixesNeeded(SaidWay way) => SaysStill ? BurstFixes + 1 : SaysApproach(way) ? 1 : Track.CadenceS is > QuickCadenceS ? 1 : BurstFixes;

    // The most fixes in a row a burst of multipath outliers drags off together.
    private const int BurstFixes = 3;

    // Fixes in a row a hold must show on before it is one: enough to span longer than a burst of multipath outliers
    // lasts on a fast device (three fixes), and at least two; one from a device reporting slower than every 12 s,
    // whose second fix would come too late for a hold to be flagged within a minute, and on whose few fixes one wild
    // one does not show a hold alone: a short tail must show it without any one of its fixes. A track taken up afresh
    // after a silence is as short as a new one: two, as before the cadence is known (a radio every 30 s heard again
    // after two minutes was flagged on its second fix, two noisy fixes 30 s apart that read as 2 m further out).
    private int HoldFixes() => Track.CadenceS is not { } cadence || TakenUpAfresh ? 2
        : cadence > OneFixCadenceS ? 1
        : Math.Max(2, (int)Math.Ceiling(HoldShownS / Math.Max(1, cadence)));

    // See HoldFixes.
    private const double OneFixCadenceS = 12;

    // How long, at least, the fixes in a row that show a hold span: a burst of one to three outliers from a device
    // reporting every second or three lasts less.
    private const double HoldShownS = 10;

    /// <summary>
    /// The unit's own noise: the larger of its latest stated accuracy and what its fixes show; and while any of its
    /// latest few fixes is inside a building, what its fixes inside show (indoor scatter puts fixes of a unit in
    /// contact outside the wall now and then). Taken from the fixes alone, so that measuring again gives the same.
    /// </summary>
    private double NoiseM(IReadOnlyList<TrackFix> fixes)
    {
        var noise = Math.Max(fixes[^1].Sigma, Noise.SigmaM ?? 0);
        if (IndoorNoise.SigmaM is not { } indoor || indoor <= noise)
        {
            return noise;
        }

        for (var i = fixes.Count - 1; i >= Math.Max(0, fixes.Count - IndoorFixesRemembered); i--)
        {
            if (buildings.Containing(fixes[i].Point) is not null)
            {
                return indoor;
            }
        }

        return noise;
    }

    // The latest fixes any of which inside a building has the unit judged on its indoor noise.
    private const int IndoorFixesRemembered = 4;

    private ProgressAnchor NextAnchor(ThreatTarget target, bool advance, Span<double> t, Span<double> y, Span<double> sigma, Span<double> w,
        double smoothed, double error, double before, double high, bool climbing, bool closing)
    {
        var fixes = Track.Fixes;
        var n = fixes.Count;
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
            return new ProgressAnchor(anchor?.Time ?? latest.Time, smoothed, error, target.Threat.ThreatId, target.Point, target.Floor, anchor?.JudgedFrom, anchor?.ClearedAt);
        }

        if (State == MotionState.Arrived)
        {
            // In contact is as far as progress goes: a unit that falls back is judged from its last fix there.
            return anchor with { Time = latest.Time, DistanceM = Math.Min(anchor.DistanceM, smoothed), ErrorM = error };
        }

        // In a hold the anchor stays where the hold began: only real progress, which ends the hold, moves it on. A burst
        // of multipath toward the threat, or a creep the progress rule does not count, moved it before, and the fixes
        // coming back from there read as the unit moving away: a flag a commander acknowledged came back.
        if (advance && (climbing || (closing && Episode is null && high < anchor.DistanceM - Margin(error, anchor.ErrorM))))
        {
            // Both smoothed fixes are past the anchor: progress was made by the earlier one, and goes on to the
            // latest only if that one is clearly past the earlier too.
            var still = n > 1 && smoothed >= before - Margin(error, error);
            return anchor with { Time = still && !climbing ? fixes[n - 2].Time : latest.Time, DistanceM = high, ErrorM = error };
        }

        return anchor;
    }

    /// <summary>
    /// Half a floor up or down since the last progress is a stair climb, however slow the device's cadence: the latest
    /// fix's altitude against the middle of the first few since the last progress (<see cref="FloorFixes"/>). Against
    /// the first alone, one barometer reading 2 m off there (a door slammed, a gust) took every later fix of a unit
    /// standing still as on the stairs, and its hold was flagged two minutes late; and half a metre of noise on both
    /// was half a floor apart one time in seventy, ending a long hold now and then, its flag coming down as "closing at
    /// 0.4 m/s" while the unit stood. The latest is a single fix where it is three quarters of a floor off
    /// (<see cref="OneReportFloors"/>): a slow device on the stairs is there on its first report a floor up. Half a floor
    /// takes the latest two: against the middle of three, half a metre of noise on a latest reading alone was half a
    /// floor off one time in three hundred, and a tracker holding for minutes was shown on the stairs, its alert turned
    /// to a watch and its hold ended, its flag now and then coming down as "closing at 0.4 m/s" while it stood.
    /// </summary>
    private bool ChangedFloor(IReadOnlyList<TrackFix> fixes, ProgressAnchor anchor)
    {
        if (fixes[^1].AltitudeM is null)
        {
            return false;
        }

        var first = 0;
        while (first < fixes.Count && (fixes[first].Time < anchor.Time || fixes[first].AltitudeM is null))
        {
            first++;
        }

        if (first >= fixes.Count || MiddleAltitude(fixes, first) is not { } then)
        {
            return false;
        }

        var change = fixes[^1].AltitudeM!.Value - then;
        return Math.Abs(change) >= options.FloorHeightM * OneReportFloors
            || (Math.Abs(change) >= options.FloorHeightM / 2 && fixes.Count - 2 > first && fixes[^2].AltitudeM is { } before
                && (before - then) * Math.Sign(change) >= options.FloorHeightM / 2);
    }

    // The middle of the altitudes of up to FloorFixes fixes from fix `from` on, before the latest (which is measured
    // against them) unless `from` is the latest, up to the first without one; null where fix `from` has none.
    private static double? MiddleAltitude(IReadOnlyList<TrackFix> fixes, int from)
    {
        Span<double> altitudes = stackalloc double[FloorFixes];
        var count = 0;
        for (var i = from; i < Math.Max(from + 1, fixes.Count - 1) && count < FloorFixes && fixes[i].AltitudeM is { } altitude; i++)
        {
            altitudes[count++] = altitude;
        }

        return count == 0 ? null : Median(altitudes[..count]);
    }

    // How far off, in floors, one report's altitude is a stair climb alone (see ChangedFloor).
    private const double OneReportFloors = 0.75;

    // Fixes from the last progress whose middle altitude says which floor the unit was on then.
    private const int FloorFixes = 3;
}
