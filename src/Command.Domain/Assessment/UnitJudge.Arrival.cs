using System.Globalization;
using Command.Domain.Geometry;

namespace Command.Domain.Assessment;

internal sealed partial class UnitJudge
{
    /// <summary>
    /// Whether the unit is where the threat is. Reaching it takes the smoothed position at the latest fix and at the
    /// one before within the contact radius (by walking path where the site has a walk graph), inside the threat's
    /// building when it is in one, and on its floor when both floors are known. Staying there allows for the unit's
    /// own noise: it leaves only when its position over the rate window is beyond the radius by the hysteresis and a
    /// margin for that noise, and its smoothed position beyond it by the hysteresis, or when it is outside the building
    /// by the zone margin and that noise margin; where the threat is in no building, not while its receiver says it
    /// stands still under the sky (see <see cref="SaysItStandsStill"/>), wherever a burst of multipath carries its fixes
    /// (a tracker's two fixes 60 m off had an officer standing at the threat flagged as fallen back). The building the
    /// unit is in (any building, with those margins) is committed with the fix. A unit in a hold held outside the threat's
    /// building reaches it, too, on the middle of its latest four fixes (see <see cref="WentIn"/>), and by no path while
    /// its receiver says it stands still under the sky (see <see cref="SaysItStandsStill"/>). Under the sky, one whose
    /// receiver says its walk reaches it, and stays there, where that walk puts it (see <see cref="ThereByItsWord"/>).
    /// </summary>
    private ArrivalCheck Arrive(ThreatTarget target, Span<double> t, Span<double> sigma, double noiseM, bool commit, bool movingAway)
    {
        var fixes = Track.Fixes;
        var n = fixes.Count;
        var (latest, _) = MedianPoint(t, sigma, n - 1, options.SmoothingWindow.TotalSeconds, SmoothedFixes);
        // A unit's first fix alone takes it nowhere: thrown 6 m inside the wall, the first fix of an officer standing 8 m
        // outside had him arrived, and then flagged as fallen back from a contact he never made (rules version 72).
        LocalPoint? previous = n >= 2 ? MedianPoint(t, sigma, n - 2, options.SmoothingWindow.TotalSeconds, SmoothedFixes).Point : null;
        // A unit back in contact on its receiver's word stays there on its fixes since it got back: those from before
        // are down the hallway, or on the walk back.
        double? returnedS = State == MotionState.Arrived && ReturnedAt is { } returned ? (returned - fixes[0].Time).TotalSeconds : null;
        var (settled, count, settledError) = returnedS is { } r
            ? Middle(t, sigma, n - 1, Math.Min(options.RateWindow.TotalSeconds, t[^1] - r), 1, noiseM)
            : Middle(t, sigma, n - 1, options.RateWindow.TotalSeconds, KeptFixes, noiseM);
        var allowance = Math.Min(options.ArrivalNoiseAllowanceM, Z * settledError);

        // It goes into a building on two fixes, smoothed, as it reaches the threat: one fix inside the wall, the first of
        // an officer standing outside, had him in the threat's building, and kept there by the margin for his noise.
        var inside = buildings.IndexOf(BuildingId) is { } current && buildings.Holds(current, settled, options.ZoneExitMarginM + allowance)
            ? current
            : buildings.Containing(latest);
        if (commit)
        {
            BuildingId = inside is { } b ? buildings[b].BuildingId : null;
        }

        var there = (target.Building is null || inside == target.Building)
            && (target.KnownFloor is not { } threatFloor || fixes[^1].Floor is not { } floor || floor == threatFloor);
        var radius = target.ArrivalRadiusM;
        var contact = radius + options.ArrivalHysteresisM;
        var reachedAt = there ? Within(target, latest, radius) : null;
        // A unit that fell back comes back into contact only when the middle of its last 30 s of fixes is within the
        // hysteresis too: two lucky fixes of a noisy unit still standing down the hallway do not bring it back, nor,
        // indoors, do fixes its receiver's walk does not bear out. It comes back, too, when its receiver says it walked
        // back (three times its error where the middle of its fixes bears that out): the way it walked off, where its
        // receiver said so; otherwise toward the threat from where its fixes had it since. It is then back where it
        // stood in contact, wherever its fixes scatter.
        var back = true;
        var walkedBack = false;
        if (Episode is { FellBack: true } hold)
        {
            walkedBack = hold.WalkedOff is { } off ? WalkedBack(target, t, sigma, noiseM, off) : WalkedBackToThreat(target, t, sigma, noiseM);
            back = walkedBack
                || (Within(target, Middle(t, sigma, n - 1, options.RateWindow.TotalSeconds, SmoothedFixes, noiseM).Point, contact) is not null
                    && WalkedBackFromFallBack(target, t, sigma, noiseM));
        }

        // One that waited outside the threat's building has not gone in while its receiver says it stands still under
        // the sky, wherever a bias or a burst of multipath carries its fixes.
        var standsOutside = Episode is { FellBack: false, HeldOutside: true } && SaysItStandsStill();
        var wentIn = there && !movingAway && !standsOutside ? WentIn(target, t, sigma, noiseM) : null;
        var onFixes = (there && walkedBack) || (!standsOutside && back
            && ((reachedAt is not null && ((previous is { } before && Within(target, before, radius) is not null) || EveryFixWithin(target, t, sigma, radius)))
                || (there && !movingAway && count >= SmoothedFixes && Within(target, settled, radius + (NoiseAllowed(target, settled, settledError) ? allowance : 0)) is not null)
                || wentIn is not null));
        // One that walked up to a threat in the open and stopped is there by its receiver's word, wherever a burst of
        // multipath throws its next fixes.
        var walkedThere = !onFixes && State != MotionState.Arrived && Episode is not { FellBack: true } && SaysStill
            ? ThereByItsWord(target, t, noiseM, radius)
            : null;
        var reached = onFixes || walkedThere is not null;
        // A unit that is plainly moving away and already beyond the hysteresis has left, whatever its noise allows. One
        // whose smoothed position is within the hysteresis has not, though the middle of its last 30 s may still be
        // out on the walk or run that brought it in.
        var keptAt = !there || (movingAway && Within(target, latest, contact) is null) ? null
            : Within(target, settled, contact + allowance) ?? Within(target, latest, contact);
        // One its fixes would take out of contact indoors stays there while its receiver says it has not walked off;
        // under the sky, while it says it stands still, or its walk since a fix in contact keeps it within reach.
        var onWord = !reached && keptAt is null && State == MotionState.Arrived;
        var stillOutdoors = onWord && target.Building is null && BuildingId is null && SaysItStandsStill();
        var heldByWord = onWord && target.Building is null && !stillOutdoors ? ThereByItsWord(target, t, noiseM, contact) : null;
        var keptOnWord = onWord
            && (target.Building is not null
                ? (target.KnownFloor is not { } known || fixes[^1].Floor is not { } on || on == known) && StoodOnItsWord(t)
                : BuildingId is null && (stillOutdoors || heldByWord is not null));

        // Words are wanted only where the unit is arrived; elsewhere the straight line will do. They give the distance
        // the board shows, the latest fix's, where that is in contact too: the middle of the last 30 s of a unit that
        // has just walked in is still out on the walk ("20 m from the threat" beside 6 m), and that of one kept on its
        // receiver's word through a burst of multipath is still out with the burst. Otherwise they give the
        // position that keeps the unit there; one kept beyond the radius and its hysteresis is kept by its noise, and
        // says so: "arrived, 29 m from the threat" alone reads as a contradiction.
        var near = reachedAt ?? keptAt ?? wentIn;
        var said = (near is not null || keptOnWord) && distances[^1] <= contact ? distances[^1] : near ?? settled.DistanceTo(target.Point);
        var where = Where(inside, fixes[^1].Floor, said);
        if ((walkedThere ?? heldByWord) is { } byWord)
        {
            // Where its receiver's walk puts it, as no fix does.
            var walk = walkedThere is not null ? "walked there" : "has not walked off";
            where = $"{Where(inside, fixes[^1].Floor, byWord.DistanceTo(target.Point))}, fixes {Reasons.FixError(noiseM)}; its device says it {walk}";
        }
        else if ((near is not null || walkedBack || keptOnWord) && said > contact)
        {
            where += $", fixes {Reasons.FixError(noiseM)}{(walkedBack ? "; its device says it walked back" : keptOnWord ? target.Building is null ? "; its device says it stands still" : "; its device says it has not walked off" : "")}";
        }
        else if (near is not null && Shown(target) is var shown && shown > contact)
        {
            // In contact by the middle of its reports while the board shows its latest fix beyond it: both, as a flag
            // gives them the other way round.
            where += $" by the middle of its reports (the latest {Reasons.Metres(shown)}, fixes {Reasons.FixError(noiseM)})";
        }
        // Whatever has just reached contact keeps it: a slow device's settled position still lags its walk in; and so
        // does a unit back on its receiver's word until it has been back for the rate window, on fixes enough.
        var kept = reached || keptAt is not null || keptOnWord
            || (returnedS is { } since && (t[^1] - since < options.RateWindow.TotalSeconds || count < SmoothedFixes));
        if (WalkedOff(target, t, sigma, noiseM) is { } walked)
        {
            // Its receiver says it walked off: it has plainly gone, however its fixes scatter.
            return new ArrivalCheck(false, false, where, true, settled.DistanceTo(target.Point), walked);
        }

        if (walkedBack && reached)
        {
            return new ArrivalCheck(true, true, where, false, settled.DistanceTo(target.Point), WalkedBack: true);
        }

        // Plainly gone is on another known floor, or out of the threat's building or beyond the hysteresis by 2.5 times
        // the settled position's own error, with no cap on it: a noisy unit indoors may leave arrival on a bias that
        // wanders, but is not shown to have left on one.
        return new ArrivalCheck(reached, kept, where, !kept && !InReach(target, settled, settledError), settled.DistanceTo(target.Point),
            Apart: Apart(target, inside, standsOutside));
    }

    /// <summary>
    /// What keeps a unit from the threat however near its reports put it: the threat's building it is outside, its
    /// receiver's word that it stands still where it waited outside that building, or the floor it is on.
    /// </summary>
    private KeptApart Apart(ThreatTarget target, int? inside, bool standsOutside) =>
        target.Building is { } building && (standsOutside || inside != building)
            ? inside == building ? KeptApart.SaysItStandsOutside : KeptApart.OutsideTheBuilding
            : target.KnownFloor is { } threatFloor && Track.Fixes[^1].Floor is { } floor && floor != threatFloor
                ? KeptApart.OnAnotherFloor
                : KeptApart.Nothing;

    // The distance the board shows: the latest fix's, by walking path where the site has a walk graph.
    private double Shown(ThreatTarget target) => target.Field is null ? Track.Latest.Point.DistanceTo(target.Point) : distances[^1];

    /// <summary>
    /// Whether a unit's settled position, known to <paramref name="errorM"/> (one axis), may reach contact by its noise
    /// allowance. A unit in no hold may: a noisy radio in contact indoors may never show within the radius. One in a
    /// hold may not, or a unit that stopped down the hallway, or fell back there, would be cleared as in contact on the
    /// scatter of its fixes — unless it held outside the threat's building and now stands inside it by half that
    /// error: being in there is progress no hold in the open shows, and without the allowance an officer who waited
    /// outside and then went in was still flagged minutes after he reached the threat, his indoor fixes 20-40 m off.
    /// Half the error, so that a noisy phone holding a few metres outside the wall, whose middle falls inside now and
    /// then, is not cleared as arrived so often (on the tuning seeds, in two holds of 660 without it).
    /// </summary>
    private bool NoiseAllowed(ThreatTarget target, LocalPoint settled, double errorM) =>
        FellBackFrom is null
        && (Episode is null
            || (Episode is { FellBack: false, HeldOutside: true } && target.Building is { } building
                && buildings.WellInside(building, settled, GoneInErrors * errorM)));

    // How far inside the threat's building, in its settled position's own errors, a unit that held outside it must stand.
    private const double GoneInErrors = 0.5;

    /// <summary>
    /// How far from the threat a unit that held outside the threat's building has gone in to it, on the middle of its
    /// latest four fixes (those of the rate window, where it has more), within the radius and its noise allowance (see
    /// <see cref="NoiseAllowed"/>). The settled position is the middle of seven at least: from a device every 15-30 s
    /// they reach back two minutes and more, to where it held, and an officer who had walked in from outside was still
    /// flagged a minute after he reached the threat. Four are as many as a clear asks of progress (three) and one more.
    /// Null where it has not.
    /// </summary>
    private double? WentIn(ThreatTarget target, Span<double> t, Span<double> sigma, double noiseM)
    {
        if (State == MotionState.Arrived || Episode is not { FellBack: false, HeldOutside: true })
        {
            return null;
        }

        var (latest, count, error) = Middle(t, sigma, t.Length - 1, options.RateWindow.TotalSeconds, WentInFixes, noiseM);
        var allowance = NoiseAllowed(target, latest, error) ? Math.Min(options.ArrivalNoiseAllowanceM, Z * error) : 0;
        return count >= SmoothedFixes ? Within(target, latest, target.ArrivalRadiusM + allowance) : null;
    }

    // How many fixes, at least, the middle of a unit that held outside and has gone in is taken over.
    private const int WentInFixes = 4;

    /// <summary>
    /// Why a unit whose fixes since <paramref name="fromS"/> show it standing still cannot be told from one in contact,
    /// in words, when it cannot: the middle of them is in reach of contact by 2.5 times that position's
    /// own error. Null when it is plainly out.
    /// </summary>
    private string? StandsInReach(ThreatTarget target, Span<double> t, Span<double> sigma, double noiseM, double fromS)
    {
        var (held, _, error) = Middle(t, sigma, t.Length - 1, t[^1] - fromS, 1, noiseM);
        if (!InReach(target, held, error))
        {
            return null;
        }

        var where = Where(buildings.IndexOf(BuildingId), Track.Latest.Floor, held.DistanceTo(target.Point));
        return $"cannot be told from contact: {where}, fixes {Reasons.FixError(noiseM)}";
    }

    /// <summary>
    /// Whether a position known to <paramref name="errorM"/> (one axis) is in reach of contact: not on another known
    /// floor, not out of the threat's building by the zone margin and 2.5 times that error, nor beyond the radius and
    /// hysteresis by as much. Plainly out is out of reach.
    /// </summary>
    private bool InReach(ThreatTarget target, LocalPoint position, double errorM)
    {
        var plain = LeftZ * errorM;
        return !(target.KnownFloor is { } known && Track.Latest.Floor is { } now && now != known)
            && (target.Building is not { } building || buildings.Holds(building, position, options.ZoneExitMarginM + plain))
            && Within(target, position, target.ArrivalRadiusM + options.ArrivalHysteresisM + plain) is not null;
    }

    /// <summary>
    /// Every fix of the smoothing window, and at least the latest two, is within <paramref name="radius"/>: a device
    /// reporting every 30 s is at the threat on its second fix there, when a median of three still lags its walk in.
    /// </summary>
    private bool EveryFixWithin(ThreatTarget target, Span<double> t, Span<double> sigma, double radius)
    {
        var fixes = Track.Fixes;
        var n = fixes.Count;
        var count = 0;
        for (var i = n - 1; i >= 0 && (t[i] >= t[^1] - options.SmoothingWindow.TotalSeconds || count < 2); i--)
        {
            if (i != n - 1 && sigma[i] > SetAside)
            {
                continue;
            }

            if (Within(target, fixes[i].Point, radius) is null)
            {
                return false;
            }

            count++;
        }

        return count >= 2;
    }

    // How many of its settled position's own errors a unit must be beyond the hysteresis to have plainly left.
    private const double LeftZ = 2.5;

    /// <summary>The distance from a point to the threat when it is within <paramref name="radius"/>; null otherwise.</summary>
    private double? Within(ThreatTarget target, LocalPoint point, double radius)
    {
        // The walking path is never shorter than the straight line: most points are settled without it.
        if (point.DistanceTo(target.Point) > radius)
        {
            return null;
        }

        var d = target.Distance(Track.Latest with { Point = point }, BaseAltitudeM, InThreatsBuilding(target));
        return d <= radius ? d : null;
    }

    private string Where(int? building, int? floor, double distanceM)
    {
        var metres = Reasons.Metres(distanceM) + " from the threat";
        if (building is not { } b)
        {
            return metres;
        }

        var on = floor is { } f ? string.Create(CultureInfo.InvariantCulture, $" on floor {f}") : "";
        return $"inside {buildings[b].Name}{on}, {metres}";
    }

    /// <summary>
    /// The median position (east and north apart) of the fixes within <paramref name="windowS"/> up to fix
    /// <paramref name="last"/>, and at least <paramref name="fewest"/> where the track has them, leaving out those set
    /// aside as outliers; and how many it took. A burst of outliers shorter than half the fixes does not move it.
    /// </summary>
    private (LocalPoint Point, int Count) MedianPoint(Span<double> t, Span<double> sigma, int last, double windowS, int fewest)
    {
        var (point, count, _) = Middle(t, sigma, last, windowS, fewest, noiseM: null);
        return (point, count);
    }

    /// <summary>
    /// The middle of the same fixes as <see cref="MedianPoint"/>, and how well it is known (one axis, metres) given the
    /// unit's noise <paramref name="noiseM"/> (without it, the median alone, its error not worked out): from
    /// six fixes on, their robust mean, which gives a fix beyond twice the unit's noise from it a weight that falls
    /// with its distance. It knows the position a fifth better than the median (whose error is a quarter more than a
    /// mean's), and a burst of outliers still barely moves it. Fewer fixes keep the median: the unit's noise is known
    /// least when it has few. Fixes from a device reporting every second count as one in every two: their errors are
    /// not independent.
    /// </summary>
    private (LocalPoint Point, int Count, double ErrorM) Middle(Span<double> t, Span<double> sigma, int last, double windowS, int fewest, double? noiseM)
    {
        var fixes = Track.Fixes;
        Span<double> east = stackalloc double[last + 1];
        Span<double> north = stackalloc double[last + 1];
        var count = 0;
        var first = last;
        for (var i = last; i >= 0 && (t[i] >= t[last] - windowS || count < fewest); i--)
        {
            if (i == last || sigma[i] <= SetAside)
            {
                first = i;
                east[count] = fixes[i].Point.East;
                north[count] = fixes[i].Point.North;
                count++;
            }
        }

        east = east[..count];
        north = north[..count];
        Span<double> sorted = stackalloc double[count];
        east.CopyTo(sorted);
        var medianEast = Median(sorted);
        north.CopyTo(sorted);
        var median = new LocalPoint(medianEast, Median(sorted));
        var independent = Math.Min(count, 1 + ((t[last] - t[first]) / IndependentS));
        return noiseM is not { } noise ? (median, count, double.NaN)
            : count >= RobustFewest
            ? (RobustMean(east, north, median, RobustK * noise), count, RobustEfficiency * noise / Math.Sqrt(independent))
            : (median, count, MedianEfficiency * noise / Math.Sqrt(independent));
    }

    // A Huber mean of the points (east[i], north[i]), iterated from the median: full weight within the clip distance,
    // falling with the distance beyond it.
    private static LocalPoint RobustMean(Span<double> east, Span<double> north, LocalPoint median, double clipM)
    {
        var at = median;
        for (var pass = 0; pass < RobustPasses; pass++)
        {
            double sumEast = 0, sumNorth = 0, sumWeight = 0;
            for (var i = 0; i < east.Length; i++)
            {
                var r = Math.Sqrt(((east[i] - at.East) * (east[i] - at.East)) + ((north[i] - at.North) * (north[i] - at.North)));
                var weight = r <= clipM ? 1 : clipM / r;
                sumEast += weight * east[i];
                sumNorth += weight * north[i];
                sumWeight += weight;
            }

            at = new LocalPoint(sumEast / sumWeight, sumNorth / sumWeight);
        }

        return at;
    }

    // Fixes from which the middle is a robust mean; its clip distance in the unit's noise; its passes from the median;
    // and its error against a mean's (a Huber mean at twice the noise keeps nine tenths of a mean's efficiency).
    private const int RobustFewest = 6;
    private const double RobustK = 2;
    private const int RobustPasses = 4;
    private const double RobustEfficiency = 1.05;

    // A phone's receiver smooths its fixes: those a second apart share most of their error, and the middle of them is
    // known from at most one fix in every two seconds.
    private const double IndependentS = 2;

    private static double Median(Span<double> values)
    {
        values.Sort();
        var n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }
}
