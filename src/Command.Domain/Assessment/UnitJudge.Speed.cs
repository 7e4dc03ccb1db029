namespace Command.Domain.Assessment;

/// <summary>
/// What a unit's own device says of its speed. A receiver measures its speed from the Doppler shift of the satellites'
/// signals, not from its fixes: under the sky to a tenth of a metre a second, and multipath that throws a fix 50 m, or
/// a bias that wanders, leaves it alone. Indoors it is poor (half a metre a second and more), so there only a speed
/// said twice in a row is taken as motion, and nothing as standing still. Listened to only from a device that has said
/// it moved (see <see cref="StatedMoving"/>): one that sends 0 for a speed it does not measure never has.
/// </summary>
internal sealed partial class UnitJudge
{
    /// <summary>The unit's latest report says it stands still: a speed below <see cref="StillSpeedMps"/>.</summary>
    private bool SaysStill => StatedMoving && Track.Latest.SpeedMps < StillSpeedMps;

    /// <summary>
    /// The unit's latest report says it moves at walking pace: <see cref="MovingSpeedMps"/> or more outdoors; indoors
    /// <see cref="MovingIndoorsSpeedMps"/> or more on its latest two, where standing still reads 0.6 m/s on average.
    /// </summary>
    private bool SaysMoving =>
        StatedMoving && Track.Latest.SpeedMps is { } speed
        && (BuildingId is null
            ? speed >= MovingSpeedMps
            : speed >= MovingIndoorsSpeedMps && Track.Count >= 2 && Track.Fixes[^2].SpeedMps >= MovingIndoorsSpeedMps);

    /// <summary>
    /// When (seconds on <paramref name="t"/>) the unit's reports began to say it stands still, under the sky (outside any
    /// building, or heard standing as only a receiver under the sky does: see <see cref="ReceiverIndoors"/>), where they
    /// have said so for <see cref="SaidStillS"/> and on two reports at least, none after a silence longer than its
    /// cadence allows (one report after minutes says nothing of when the unit stopped) or, after one that said it stood,
    /// than a device reporting less often while it stands still leaves (<see cref="SaidStillShownS"/>: ATAK over the
    /// mesh reports every 30 s then, and its cadence learned on the walk in, every 5 s, had each of those reports after a
    /// silence: its hold was flagged only on its fixes, straight to an alert counted from a report on the move), and none from before it was
    /// judged against an active threat, at <paramref name="earliest"/> (a unit sent from staging has held there as it
    /// was told); null otherwise. That is a hold shown by the unit's own receiver, which its fixes take 30 s or more
    /// to bound below walking pace; it stands unless the fixes since it began show the unit closing at walking pace. Not
    /// where its reports said so since before progress last ended a hold, at <paramref name="clearedS"/>: they said it
    /// stood while its fixes plainly walked in (a phone that lost its speed says 0), and were flagged "holding 2 min"
    /// again a report after the clear. Where the fixes since the first such report show it walking in, and those since a
    /// later one (three at least) do not, from that one: a radio every 20 s whose stop came with a burst of multipath
    /// was flagged a minute late, the burst's line through its first still reports walking it in.
    /// </summary>
    private double? SaidStillFrom(Span<double> t, Span<double> y, Span<double> sigma, double earliest, double? clearedS)
    {
        if (!StatedMoving || ReceiverIndoors)
        {
            return null;
        }

        var fixes = Track.Fixes;
        var first = fixes.Count;
        while (first > 0 && fixes[first - 1].SpeedMps < StillSpeedMps && t[first - 1] >= earliest
               && (first == fixes.Count || (fixes[first].Time - fixes[first - 1].Time).TotalSeconds <= Math.Max(LearnedSilenceS, SaidStillShownS)))
        {
            first--;
        }

        if (fixes.Count - first < SaidStillFixes || t[^1] - t[first] < SaidStillS || t[first] <= clearedS)
        {
            return null;
        }

        // Its fixes since must not show it walking in: a phone that lost its speed and says 0 is not believed over them.
        // (The fixes of the last 30 s would: they still span the walk that brought it there.)
        Span<double> weights = stackalloc double[fixes.Count - first];
        if (RobustLine.Fit(t[first..], y[first..], sigma[first..], weights) is { } line && -line.Slope < options.HoldSpeedMps)
        {
            return t[first];
        }

        // A burst of multipath as it stopped (one to three fixes 30-80 m off) makes a line through them walk in; the hold
        // starts then from the first of its reports after which its fixes do not, on three at least, past no more fixes
        // than a burst lasts (a phone that lost its speed while it walks in still walks in on its fixes after them).
        for (var k = first + 1; k <= first + BurstFixes && fixes.Count - k >= LaterStillFixes && t[^1] - t[k] >= LaterStillS; k++)
        {
            if (RobustLine.Fit(t[k..], y[k..], sigma[k..], weights[..(fixes.Count - k)]) is { } later && -later.Slope < options.HoldSpeedMps)
            {
                return t[k];
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the unit's reports from fix <paramref name="from"/> on all said it stood, under the sky (see
    /// <see cref="ReceiverIndoors"/>): a speed below the hold
    /// speed on each (standing, a receiver under the sky reads that one time in a hundred thousand; a walk in, never).
    /// Its fixes may still show it walking in, as from a phone that lost its speed and says 0: they must show it
    /// plainly (see <see cref="Progressing"/>).
    /// </summary>
    private bool SaidStandingSince(int from)
    {
        if (!StatedMoving || ReceiverIndoors)
        {
            return false;
        }

        var fixes = Track.Fixes;
        for (var i = from; i < fixes.Count; i++)
        {
            if (fixes[i].SpeedMps is not { } speed || speed >= options.HoldSpeedMps)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the unit's receiver says it stands still under the sky: its latest three reports, and every one over the
    /// rate window, said a speed below a quarter of a metre a second but one of four or more that said less than half
    /// (rules version 73), once one of its reports has said it moved.
    /// Indoors a receiver standing still reads 0.6 m/s on average, below a quarter one time in eight; three in a row,
    /// one in six hundred. Speeds of exactly 0 alone say nothing: a phone that has lost its speed says 0, and a radio
    /// sends whole knots; one of them must have measured a speed above 0.
    /// </summary>
    private bool SaysItStandsStill()
    {
        if (!StatedMoving)
        {
            return false;
        }

        var fixes = Track.Fixes;
        var (count, measured, excused) = (0, false, false);
        for (var i = fixes.Count - 1; i >= 0 && (count < StillReports || fixes[^1].Time - fixes[i].Time < options.RateWindow); i--)
        {
            if (fixes[i].SpeedMps is not { } speed || speed < 0)
            {
                return false;
            }

            if (speed >= StillSpeedMps)
            {
                // One reading of a standing phone's speed in four or five is above the quarter over a half-minute: one
                // that is no walk is let pass.
                if (excused || speed >= 2 * StillSpeedMps)
                {
                    return false;
                }

                excused = true;
            }

            measured |= speed > 0;
            count++;
        }

        return count >= (excused ? StillReports + 1 : StillReports) && measured;
    }

    // How many reports in a row, at least, say a receiver stands still.
    private const int StillReports = 3;

    // Below this a receiver under the sky stands still (its speed off by a tenth of a metre a second on each axis reads
    // a quarter one time in twenty-five), and one whose speed comes in whole knots reads 0.
    private const double StillSpeedMps = 0.25;

    // At or above these the unit walks: a slow walk under the sky; indoors, two readings in a row that standing still
    // gives one time in fifty.
    private const double MovingSpeedMps = 0.8;
    private const double MovingIndoorsSpeedMps = 1.2;

    // How long, and on how many reports, a unit's receiver must say it stands still for a hold.
    private const double SaidStillS = 10;
    private const int SaidStillFixes = 2;

    // The fewest fixes, and seconds, a hold said by the unit's receiver is judged on from a later report than the first
    // that said it stood (see SaidStillFrom): two fixes of a burst lie along no line but their own, and three fixes of a
    // phone every 5 s that lost its speed as it walked in lie still one time in twenty.
    private const int LaterStillFixes = 3;
    private const double LaterStillS = 20;

    // How many times its noise progress must beat where the unit's receiver says it moves: the speed rules out
    // standing still, so the fixes need only say which way.
    private const double SaidMovingProgressNoises = 0.5;
}
