using Command.Domain.Geometry;

namespace Command.Domain.Assessment;

/// <summary>A fix held back from a unit's track as a possible burst of multipath, with what its report said.</summary>
internal readonly record struct HeldBackFix(TrackFix Fix, DateTimeOffset? StaleAt);

internal sealed partial class UnitJudge
{
    private readonly List<HeldBackFix> heldBack = [];

    /// <summary>
    /// Fixes from a quick device held back from the track, oldest first. Multipath throws a few fixes in a row
    /// 30-80 m the same way. Taken in, a burst toward the threat read as progress and the fixes after it as a stop; a
    /// burst away read as a stop or a retreat; the return from either read as the other. A fix is held back when it
    /// is further from where the unit's recent fixes put it than their noise and a jog since the latest allow. The
    /// next fix back on the track sets the held-back fixes aside for good. Fixes still off it after
    /// <see cref="BurstFixes"/> of them, or after <see cref="BurstS"/>, were the unit really moving: they are taken
    /// in, in order.
    /// </summary>
    public IReadOnlyList<HeldBackFix> HeldBack => heldBack;

    /// <summary>
    /// The first fix where the track was last taken up off it: where the unit is expected is worked out from there
    /// on, not across the move that was held back.
    /// </summary>
    public DateTimeOffset? TrackFrom { get; private set; }

    /// <summary>Whether any of the unit's latest reports are held back: the board shows it where its track is.</summary>
    public bool HoldsBack => heldBack.Count > 0;

    /// <summary>
    /// Why the unit's latest reports do not move it, in words, while they have been held back for
    /// <see cref="HeldBackWordsAfterS"/> or more: how many, and how far the latest lies from where the track puts the
    /// unit at its time — what held it back. Measured from the track's latest fix, a burst thrown 45 m at a unit
    /// walking in read "54 m off its track". Null otherwise: a phone reporting every second has one report in a hundred
    /// three times its noise off its track from noise alone, and its row said so for a second every minute or two, over a
    /// marker that had not visibly waited.
    /// </summary>
    public string? HeldBackWords => heldBack.Count == 0 || (heldBack[^1].Fix.Time - Track.Latest.Time).TotalSeconds < HeldBackWordsAfterS ? null
        : $"{(heldBack.Count == 1 ? "1 report" : $"{heldBack.Count} reports")} held back as multipath: "
          + $"{Reasons.Metres(OffBy(heldBack[^1].Fix))} off its track";

    /// <summary>Seconds a unit's latest report must have been held back past its track's latest fix before its row says so.</summary>
    public const double HeldBackWordsAfterS = 2;

    // How far a fix lies from where the track puts the unit at its time; from the track's latest fix where the track
    // does not put it anywhere (too few fixes in place since it was last taken up).
    private double OffBy(TrackFix fix) =>
        fix.Point.DistanceTo(Expected(fix.Time) is { } expected ? expected.Point : Track.Latest.Point);

    /// <summary>When the unit last reported a fix, taken in or held back.</summary>
    public DateTimeOffset? LatestHeard => heldBack.Count > 0 ? heldBack[^1].Fix.Time : Track.Count > 0 ? Track.Latest.Time : null;

    /// <summary>
    /// Takes a fix in, or holds it back while it may be a burst of multipath; true when the track took a fix in.
    /// </summary>
    private bool TakeOrHoldBack(HeldBackFix fix, ThreatTarget? target)
    {
        if (!OffTrack(fix.Fix))
        {
            // Back on the track: any fixes held back were a burst, and stay out of it.
            heldBack.Clear();
            Take(fix, target);
            return true;
        }

        heldBack.Add(fix);
        if (heldBack.Count <= BurstFixes && (fix.Fix.Time - Track.Latest.Time).TotalSeconds <= BurstS)
        {
            return false;
        }

        // Off the track for longer than multipath lasts: the unit really went there, and the track goes on from there.
        TrackFrom = heldBack[0].Fix.Time;
        foreach (var held in heldBack)
        {
            Take(held, target);
        }

        heldBack.Clear();
        return true;
    }

    /// <summary>
    /// Whether a fix from a quick device is further from where its track puts the unit than noise and a change of
    /// pace allow. Where the track puts it: the unit's position and velocity fitted to its fixes of the last
    /// <see cref="PredictS"/> (at least three), carried on to the fix's time. Noise allows <see cref="OffTrackZ"/> times
    /// the error of the fix and of that position (one axis; a miss in two beyond it comes once in a hundred fixes). A
    /// change of pace allows as far as a jog covers since the latest fix; once a fix is held back, the track is taken
    /// up again only within a slow walk of it, so the last fix of a burst is not the way back. A slower device's
    /// change of pace between fixes covers as much ground as multipath throws a fix: its fixes are all taken in; and
    /// so are a vehicle's, which covers that in a few seconds (a patrol car braking or turning is as far off a straight
    /// line as a burst): held back, a car driving in at 15 m/s was shown 50-230 m behind where it was.
    /// </summary>
    private bool OffTrack(TrackFix fix)
    {
        if (Track.CadenceS is not <= QuickCadenceS || (fix.Time - Track.Latest.Time).TotalSeconds > LearnedSilenceS
            || Expected(fix.Time) is not { } expected || expected.Driving)
        {
            return false;
        }

        var ahead = (fix.Time - Track.Latest.Time).TotalSeconds;
        var pace = (heldBack.Count > 0 ? RejoinMps : JogMps) * ahead;
        return Misses(fix, expected.Point, expected.Spread, pace) && !BackFromBurst(fix, expected.Point, pace);
    }

    // Whether a fix lies further from where a track puts the unit than noise (the fix's own accuracy, and the unit's
    // learned noise) and a change of pace allow. Within the fix's own accuracy it is on the track whatever the unit's
    // learned noise: most fixes are, and need not have it worked out.
    private bool Misses(TrackFix fix, LocalPoint expected, double spread, double pace)
    {
        var miss = fix.Point.DistanceTo(expected);
        return miss > (OffTrackZ * fix.Sigma * spread) + pace && miss > (OffTrackZ * NoiseM(Track.Fixes) * spread) + pace;
    }

    /// <summary>
    /// Whether a fix off the track is on it as it stood before its latest few fixes (a burst's worth, those within
    /// <see cref="BurstS"/> of the latest), where those took the track more than <see cref="OffTrackZ"/> times the
    /// unit's noise away: they were the burst, and this fix is back where the unit stands. Indoors, where a unit's fixes
    /// scatter 20-40 m, a burst of multipath is within that noise and is taken in; the track then ran out along it, and
    /// the fixes after it, back where the unit stood, were held back as the burst ("162 m off its track") while the
    /// burst stood for the unit, which was flagged as fallen back from the threat.
    /// </summary>
    private bool BackFromBurst(TrackFix fix, LocalPoint now, double pace)
    {
        var fixes = Track.InPlace;
        var cut = fixes.Length;
        while (cut > 0 && fixes.Length - cut < BurstFixes && (fixes[^1].Time - fixes[cut - 1].Time).TotalSeconds <= BurstS)
        {
            cut--;
        }

        return cut < fixes.Length && Expected(fix.Time, cut) is { Driving: false } before
            && before.Point.DistanceTo(now) > OffTrackZ * NoiseM(Track.Fixes)
            && !Misses(fix, before.Point, before.Spread, pace);
    }

    /// <summary>
    /// Where the track puts the unit at <paramref name="time"/>: its position and velocity fitted to its fixes of the
    /// last <see cref="PredictS"/> (at least three) since it was last taken up, and before the <paramref name="end"/>th
    /// where given, carried on; how much a position there is off for the fit's error, in a fix's noise; and whether its
    /// fixes show it in a vehicle (see <see cref="Driven"/>). Null with fewer than three such fixes.
    /// </summary>
    private (LocalPoint Point, double Spread, bool Driving)? Expected(DateTimeOffset time, int? end = null)
    {
        var fixes = Track.InPlace[..(end ?? Track.Count)];
        var n = fixes.Length;
        if (n < PredictFewest)
        {
            return null;
        }

        var latest = fixes[^1].Time;
        var from = n - PredictFewest;
        if (TrackFrom is { } since && fixes[from].Time < since)
        {
            return null;
        }

        var earliest = latest.AddSeconds(-PredictS);
        while (from > 0 && fixes[from - 1].Time >= earliest && !(fixes[from - 1].Time < TrackFrom))
        {
            from--;
        }

        var line = TrackLine.Fit(fixes[from..], latest);
        var (east, north) = line.Velocity;
        var speed = Math.Sqrt((east * east) + (north * north));
        // Only a line with a spread of times has a speed: one faster than a run is asked whether it is a vehicle's.
        var driving = speed > RunMps && Driven(line, speed);
        if (speed > RunMps && !driving)
        {
            // Faster than a run, but not by more than the fit's error: noise in the fit (three fixes of a noisy phone a
            // second apart), not the unit's pace.
            (east, north) = (east * RunMps / speed, north * RunMps / speed);
        }

        var fromMean = (time - latest).TotalSeconds - line.MeanT;
        var predicted = new LocalPoint(line.Mean.East + (east * fromMean), line.Mean.North + (north * fromMean));
        return (predicted, Math.Sqrt(1 + (1.0 / line.Count) + (line.Stt > 0 ? fromMean * fromMean / line.Stt : 0)), driving);
    }

    /// <summary>
    /// Whether a line through a unit's fixes, at <paramref name="speedMps"/> (faster than a run), shows it in a vehicle:
    /// faster than a run by more than twice the line's error. Fixes from a device reporting every second share most of
    /// their error with the next (see <see cref="IndependentS"/>): the error is that of half as many. A burst of
    /// multipath among a line's first few fixes makes it as fast as a car's, but they do not lie along it: a line of
    /// fewer than five must have them within 2.5 times their noise of it. Among more, a burst no longer makes a walk a
    /// car's pace, and a car's fixes just past a corner do not lie along the line through its last 30 s either.
    /// </summary>
    private bool Driven(TrackLine line, double speedMps)
    {
        var noise = NoiseM(Track.Fixes);
        var shared = Math.Sqrt(Math.Max(1, IndependentS / Math.Max(1, Track.CadenceS ?? 1)));
        return speedMps - (Z * shared * noise / Math.Sqrt(line.Stt)) > RunMps && (line.Count >= LongLineFixes || line.MisfitM <= DrivenMisfitNoises * noise);
    }

    // How far, on average, the fixes of a short line that shows a unit in a vehicle may lie off it: in the unit's noise
    // (one axis); and the fewest fixes of a line long enough not to ask.
    private const double DrivenMisfitNoises = 2.5;
    private const int LongLineFixes = 5;

    // The fixes the track's position and velocity are fitted to: those of the last 30 s, and at least three.
    private const double PredictS = 30;
    private const int PredictFewest = 3;
    private const double OffTrackZ = 3;
    private const double RejoinMps = 1;

    // Longest a fix is held back while the fixes after it are still off the track: a burst's three fixes from a
    // device every 5 s, and a lost one.
    private const double BurstS = 20;
}
