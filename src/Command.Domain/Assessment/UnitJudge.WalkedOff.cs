using Command.Domain.Geometry;

namespace Command.Domain.Assessment;

/// <summary>
/// A unit in contact that walks off, heard from its own receiver. Indoors a fix may be 20-40 m off, and a unit that
/// falls back 30-50 m down the hallway from the threat scatters as one in contact does for longer than the minute a
/// hold may go unflagged. Its receiver's velocity is measured afresh at every report, to half a metre a second indoors:
/// added up over a walk (each report's velocity over the time to the next), it says how far the unit went, with an
/// error that grows only with the square root of the reports. Where the walk is longer than the contact radius and its
/// hysteresis, and than five times that error, and takes the unit from where its fixes had it out of contact, it has
/// left contact, whatever its fixes show now. It needs no bearing to the threat, which a unit's noise hides near it:
/// from contact, a walk that long leaves contact whichever way it goes, unless it goes on past the threat.
/// </summary>
internal sealed partial class UnitJudge
{
    /// <summary>
    /// Where a unit standing in contact has walked off by its own receiver's word: since some report after it arrived,
    /// and after it said it stood there (see StoodBefore), its reports add up to a walk longer than the contact radius
    /// and its hysteresis, and five times their own error, that takes where its fixes had it before the walk out of
    /// contact; or three times that error where the middle of its fixes since the walk began is out of contact by
    /// twice its own error. When the walk began (the report before it) and the walk; null otherwise. It may have said
    /// it stood there over the rate window before it was judged arrived: indoors, a noisy unit is judged arrived late,
    /// after its fixes have settled on the threat, and one that stood there half a minute and was judged arrived only
    /// as it set off down the hallway said it stood before, not since. One back on its receiver's word is back while it
    /// still walks in, and said it stood only since: before, it stood down the hallway.
    /// </summary>
    private (DateTimeOffset From, LocalPoint Walk)? WalkedOff(ThreatTarget target, Span<double> t, Span<double> sigma, double noiseM)
    {
        if (State != MotionState.Arrived || StateSince is not { } since || !StatedMoving)
        {
            return null;
        }

        var sinceS = (since - Track.Fixes[0].Time).TotalSeconds;
        var reach = options.ContactRadiusM + options.ArrivalHysteresisM;
        // In contact in the threat's building, its receiver is indoors, wherever a drifting fix puts it.
        var errorMps = target.Building is null ? (double?)null : IndoorVelocityErrorMps;
        // A shorter walk, three times its error, is heard where the fixes since it began bear it out. A unit standing in
        // contact, judged on every fix, has neither: one scan finds that, and a walk of five times is looked for only
        // where there is one of three.
        var shorter = Walked(t, sinceS, null, reach, ShorterWalkErrors, errorMps: errorMps);
        var heard = shorter is { } candidate
            ? Walked(t, sinceS, null, reach, errorMps: errorMps) ?? (FixesBearOut(target, t, sigma, noiseM, candidate.From, reach) ? candidate : null)
            : null;
        if (heard is not { } walk || !StoodBefore(t, walk.From, WordCountsFromS(since)))
        {
            return null;
        }

        // Where it stood is known no better than its fixes there: a unit shown in contact at the edge of the radius that
        // walks 20 m on in has not walked off. The walk must take the middle of its last 30 s of fixes before it out of
        // contact.
        var before = Track.Fixes.Count - 1;
        while (Track.Fixes[before].Time > walk.From)
        {
            before--;
        }

        var stood = Middle(t, sigma, before, options.RateWindow.TotalSeconds, SmoothedFixes, noiseM).Point;
        return Within(target, stood + walk.Walk, reach) is null ? walk : null;
    }

    /// <summary>
    /// Whether a unit in contact in the threat's building has stood there by its own receiver's word: every report
    /// since it was judged arrived (and over the rate window before, unless it is back on its receiver's word, which it
    /// says before the walk back ends; two minutes back at most, the rate window at
    /// least) said its speed, and its course where it moved, with no silence between, and they add up to no walk as
    /// long as contact reaches (the radius and its hysteresis) and twice their own error, taken at a receiver's
    /// indoors whatever building its fixes now put it in. Indoors a wandering bias carries fixes 20-40 m off for
    /// minutes, and their middle leaves contact, or the building, while the unit stands at the threat; a unit that
    /// falls back walks 20 m and more in half a minute, and its receiver, heard afresh at every report, adds that up
    /// well beyond its error, where its noise over two minutes adds up to 20 m now and then, but seldom to twice its
    /// error.
    /// </summary>
    private bool StoodOnItsWord(Span<double> t)
    {
        if (!StatedMoving || StateSince is not { } since)
        {
            return false;
        }

        var fixes = Track.Fixes;
        var fromS = Math.Max(WordCountsFromS(since), t[^1] - StoodWindowS);
        var first = fixes.Count - 1;
        while (first > 0 && t[first - 1] >= fromS)
        {
            first--;
        }

        if (t[^1] - t[first] < options.RateWindow.TotalSeconds)
        {
            return false;
        }

        for (var i = first; i < fixes.Count; i++)
        {
            if (fixes[i].SpeedMps is not { } speed || (fixes[i].CourseDeg is null && speed > 0) || (i > first && t[i] - t[i - 1] > LearnedSilenceS))
            {
                return false;
            }
        }

        return Walked(t, fromS, null, options.ContactRadiusM + options.ArrivalHysteresisM, BearOutErrors, StoodWindowS, IndoorVelocityErrorMps) is null;
    }

    /// <summary>
    /// Whether the fixes since <paramref name="from"/> bear out a walk off: at least two, and their middle out of
    /// <paramref name="reach"/> of the threat by twice its own error.
    /// </summary>
    private bool FixesBearOut(ThreatTarget target, Span<double> t, Span<double> sigma, double noiseM, DateTimeOffset from, double reach)
    {
        var (now, count, error) = Middle(t, sigma, t.Length - 1, t[^1] - (from - Track.Fixes[0].Time).TotalSeconds, 1, noiseM);
        return count >= 2 && Within(target, now, reach + (BearOutErrors * error)) is null;
    }

    /// <summary>
    /// Whether the middle of the unit's last 30 s of fixes bears out a walk back into contact: within contact's reach
    /// (the radius and its hysteresis) of the threat by its own error. Once, not twice: at twice, a noisy unit still
    /// down the hallway whose receiver's noise added up to a walk back was cleared and flagged again.
    /// </summary>
    private bool FixesBearOutReturn(ThreatTarget target, Span<double> t, Span<double> sigma, double noiseM)
    {
        var (now, _, error) = Middle(t, sigma, t.Length - 1, options.RateWindow.TotalSeconds, SmoothedFixes, noiseM);
        return Within(target, now, options.ContactRadiusM + options.ArrivalHysteresisM + error) is not null;
    }

    /// <summary>
    /// Whether a unit that walked off from contact by its receiver's word has walked back by it: back the way it went,
    /// as far as puts it within the contact radius of where it stood in contact (see <see cref="WalkedBackAlong"/>).
    /// </summary>
    private bool WalkedBack(ThreatTarget target, Span<double> t, Span<double> sigma, double noiseM, LocalPoint off) =>
        off.Length >= 1e-9 && WalkedBackAlong(target, t, sigma, noiseM, off * (-1 / off.Length), Math.Max(off.Length - options.ContactRadiusM, 0));

    /// <summary>
    /// Whether a unit that fell back from contact on its fixes, not on its receiver's word, has walked back by that
    /// word: toward the threat from where its fixes have had it since the fall back, as far as puts it within the
    /// contact radius, and at least as far as contact reaches (the radius and its hysteresis; see
    /// <see cref="WalkedBackAlong"/>). Indoors the middle of 30 s of fixes 20-40 m off falls within contact only now
    /// and then as the unit walks back: officers back at the threat stayed flagged as fallen back for minutes after
    /// their receivers had said the whole walk.
    /// </summary>
    private bool WalkedBackToThreat(ThreatTarget target, Span<double> t, Span<double> sigma, double noiseM)
    {
        if (!StatedMoving || FellBackFrom is not { } from)
        {
            return false;
        }

        var toward = target.Point - HeldSince(t, sigma, noiseM, (from - Track.Fixes[0].Time).TotalSeconds);
        var reach = options.ContactRadiusM + options.ArrivalHysteresisM;
        return toward.Length >= 1e-9
            && WalkedBackAlong(target, t, sigma, noiseM, toward * (1 / toward.Length), Math.Max(reach, toward.Length - options.ContactRadiusM));
    }

    /// <summary>
    /// Whether a unit that fell back has walked back by its receiver's word: from some report since the fall back
    /// began, along <paramref name="way"/> (a unit vector; within 60 degrees of it) at least <paramref name="neededM"/>
    /// and five times the reports' own error, or three times it where the middle of its last 30 s of fixes bears the
    /// return out (see <see cref="FixesBearOutReturn"/>): a device every 10 s or slower has too few reports on a walk
    /// back for five.
    /// </summary>
    private bool WalkedBackAlong(ThreatTarget target, Span<double> t, Span<double> sigma, double noiseM, LocalPoint way, double neededM)
    {
        if (FellBackFrom is not { } from)
        {
            return false;
        }

        var fromS = (from - Track.Fixes[0].Time).TotalSeconds;
        return Walked(t, fromS, way, neededM, ShorterWalkErrors) is not null
            && (Walked(t, fromS, way, neededM) is not null || FixesBearOutReturn(target, t, sigma, noiseM));
    }

    /// <summary>
    /// Whether a unit that fell back on its fixes indoors has walked far enough since to be back in contact on them:
    /// where its receiver says its velocity with a course, its reports since the fall back must add up to a walk toward
    /// the threat (within 60 degrees; back the way it went, where its receiver said its walk off) as long as contact
    /// reaches (the radius and its hysteresis) and twice their own error. Indoors a fix may be 20-40 m off, and the middle of 30 s of them falls within contact now and then for a
    /// unit still standing down the hallway, which was cleared as arrived and flagged again; its receiver says it
    /// stood. Twice, not five times: the fixes say it is back, and its walk need only bear them out. Outdoors a fall
    /// back on the fixes is a burst of multipath as often as a walk, and its fixes soon show it back. A device that
    /// says no course says no walk.
    /// </summary>
    private bool WalkedBackFromFallBack(ThreatTarget target, Span<double> t, Span<double> sigma, double noiseM)
    {
        if (BuildingId is null || !StatedMoving || FellBackFrom is not { } from)
        {
            return true;
        }

        var fixes = Track.Fixes;
        var fromS = (from - fixes[0].Time).TotalSeconds;
        var course = false;
        for (var i = fixes.Count - 1; i >= 0 && t[i] >= fromS && !course; i--)
        {
            course = fixes[i].CourseDeg is not null;
        }

        if (!course)
        {
            return true;
        }

        // Back the way it walked off, where its receiver said that walk; otherwise toward the threat from where it has
        // stood since, the middle of its fixes since the fall back: the walk off itself, since the unit was last in
        // contact, heads the other way.
        var toward = Episode is { WalkedOff: { } off } && off.Length >= 1e-9 ? off * -1 : target.Point - HeldSince(t, sigma, noiseM, fromS);
        var reach = options.ContactRadiusM + options.ArrivalHysteresisM;
        return toward.Length < 1e-9 || Walked(t, fromS, toward * (1 / toward.Length), reach, BearOutErrors, double.PositiveInfinity) is not null;
    }

    /// <summary>
    /// The hold of a unit that walked off by its receiver's word, with the walk as far as it has gone on the same way:
    /// it is first heard once it is out of contact, and a walk back must be as long as the whole walk off.
    /// </summary>
    private HoldEpisode? WalkedOn(Span<double> t, HoldEpisode? episode)
    {
        if (episode is not { WalkedOff: { } off } || FellBackFrom is not { } from || off.Length < 1e-9)
        {
            return episode;
        }

        var way = off * (1 / off.Length);
        return Walked(t, (from - Track.Fixes[0].Time).TotalSeconds, way, off.Length) is { } further && further.Walk.Length > off.Length
            ? episode with { WalkedOff = further.Walk }
            : episode;
    }

    /// <summary>
    /// The longest walk the unit's reports add up to from some report since <paramref name="sinceS"/>, within the last
    /// <paramref name="windowS"/> (a minute), to the latest: its length, or where <paramref name="along"/> (a unit
    /// vector) is given its part along that, held within 60 degrees of it; at least <paramref name="neededM"/> and
    /// <paramref name="errors"/> (five) times what the reports' own error adds up to. Null where there is none, or a
    /// report in between said no velocity or came after a silence.
    /// </summary>
    private (DateTimeOffset From, LocalPoint Walk)? Walked(Span<double> t, double sinceS, LocalPoint? along, double neededM, double errors = WalkErrors,
        double windowS = WalkWindowS, double? errorMps = null)
    {
        var fixes = Track.Fixes;
        sinceS = Math.Max(sinceS, t[^1] - windowS);
        var sd = errorMps ?? (BuildingId is null ? VelocityErrorMps : IndoorVelocityErrorMps);
        var walked = default(LocalPoint);
        var spread = default(WalkSpread);
        (DateTimeOffset From, LocalPoint Walk)? longest = null;
        for (var j = fixes.Count - 2; j >= 0 && t[j] >= sinceS; j--)
        {
            var gap = t[j + 1] - t[j];
            if (gap > LearnedSilenceS || fixes[j].SpeedMps is null || fixes[j + 1].SpeedMps is null)
            {
                break;
            }

            walked += (Velocity(fixes[j]) + Velocity(fixes[j + 1])) * (gap / 2);
            var error = sd * spread.Add(gap);
            var length = walked.Length;
            var gone = along is { } u ? (walked.East * u.East) + (walked.North * u.North) : length;
            if (gone >= neededM && gone >= errors * error && (along is null || gone >= HalfTurn * length)
                && (longest is null || length > longest.Value.Walk.Length))
            {
                longest = (fixes[j].Time, walked);
            }
        }

        return longest;
    }

    /// <summary>
    /// What a report's velocity error adds up to over a walk, in seconds (times that error, metres), taken back a gap at a
    /// time from the latest report: each report's velocity counts over half of each gap beside it, and the errors of
    /// different reports are independent.
    /// </summary>
    private struct WalkSpread
    {
        private double variance;
        private double later;

        /// <summary>Takes in the gap before the earliest report so far; the spread of the walk from the report before it.</summary>
        public double Add(double gap)
        {
            // The report after the gap counts over half of it and half of the one after; the report before it, so far,
            // over half of this one.
            var weight = (later + gap) / 2;
            variance += weight * weight;
            later = gap;
            return Math.Sqrt(variance + (gap * gap / 4));
        }
    }

    // Where a unit that fell back has stood since it left contact (seconds on t): the middle of its fixes since.
    private LocalPoint HeldSince(Span<double> t, Span<double> sigma, double noiseM, double fromS) =>
        Middle(t, sigma, t.Length - 1, t[^1] - fromS, SmoothedFixes, noiseM).Point;

    // From when (seconds on t) a unit in contact since `arrived` is heard saying it stood there: from 30 s before it
    // was judged arrived, for a noisy unit indoors is judged there late; or, back on its receiver's word, only since it
    // was back, for that word comes before the walk back ends.
    private double WordCountsFromS(DateTimeOffset arrived) => ReturnedAt is { } returned
        ? (returned - Track.Fixes[0].Time).TotalSeconds
        : (arrived - Track.Fixes[0].Time).TotalSeconds - options.RateWindow.TotalSeconds;

    // Whether the unit said it stood, on two reports in a row, since sinceS and before `until`: a unit its noise put in
    // contact while it still walked in, or one back on its word that walks on in, or one closing slowly that reports
    // seldom, has not walked off as it goes on. Standing is below the hold speed; indoors, where standing still reads
    // 0.6 m/s on average (and a walk now and then reads below walking pace), below walking pace.
    private bool StoodBefore(Span<double> t, DateTimeOffset until, double sinceS)
    {
        var fixes = Track.Fixes;
        var stood = BuildingId is null ? options.HoldSpeedMps : MovingSpeedMps;
        for (var i = fixes.Count - 1; i >= 1 && t[i - 1] >= sinceS; i--)
        {
            if (fixes[i].Time <= until && fixes[i].SpeedMps < stood && fixes[i - 1].SpeedMps < stood)
            {
                return true;
            }
        }

        return false;
    }

    // A report's velocity, metres a second east and north; none where it said no speed or no course.
    private static LocalPoint Velocity(TrackFix fix)
    {
        if (fix is not { SpeedMps: { } speed, CourseDeg: { } course })
        {
            return default;
        }

        var radians = course * Math.PI / 180;
        return new LocalPoint(Math.Sin(radians) * speed, Math.Cos(radians) * speed);
    }

    // How far back a walk is added up: a fall back of 50 m at a walk takes less.
    private const double WalkWindowS = 60;

    // A receiver's velocity error on each axis: under the sky a tenth of a metre a second; indoors, half a metre.
    private const double VelocityErrorMps = 0.1;
    private const double IndoorVelocityErrorMps = 0.5;

    // How many times its own error a walk must be: standing still a whole shift, a noisy receiver indoors does not add
    // up to one (at four, a few of the evaluation's hundreds of officers in contact indoors were flagged). Three where
    // the unit's fixes bear the walk off, or back, out: two tests that seldom both fail on the same noise.
    private const double WalkErrors = 5;
    private const double ShorterWalkErrors = 3;

    // How many times its own error a walk must be to bear out what a unit's fixes say of it indoors: that it is back in
    // contact, or that it has left (a walk of noise as long as contact reaches is seldom twice its error).
    private const double BearOutErrors = 2;

    // How far back a unit in contact is heard standing: a fall back its fixes take up to two minutes to show.
    private const double StoodWindowS = 120;

    // cos 60 degrees: how far off the way back a walk back may head.
    private const double HalfTurn = 0.5;
}
