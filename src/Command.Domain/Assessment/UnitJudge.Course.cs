namespace Command.Domain.Assessment;

/// <summary>
/// Which way a unit's own device says it heads. A receiver measures its velocity from the Doppler shift, its course as
/// well as its speed, and a device that says its speed says its course with it (ATAK's track, NMEA's course over
/// ground, APRS's course, the Traccar Client's bearing). Its part along the bearing to the threat is how fast the
/// unit closes, measured rather than worked out from fixes: under the sky to a tenth of a metre a second, whatever
/// multipath or a wandering bias does to the fixes; indoors to half a metre, so there only two reports in a row count.
/// Where the site has walking paths, "toward" is along the path: a unit walking round a building to its door closes.
/// Not heard where the unit stands too near the threat for its fixes to give the bearing, nor from a device that has
/// never said it moved.
/// </summary>
internal sealed partial class UnitJudge
{
    /// <summary>
    /// Which way the unit's latest report says it heads (its latest two where its receiver is heard indoors: see
    /// <see cref="ReceiverIndoors"/>): toward the threat (see
    /// <see cref="HeadingNeededMps"/>), away from it, or neither; nothing where it said no course the bearing can be
    /// taken against. And how fast its latest report says it closes, where it is heard.
    /// </summary>
    private (SaidWay Way, double? ClosingMps) SaysWay(ThreatTarget target, Span<double> t, Span<double> sigma, double noiseM)
    {
        var fixes = Track.Fixes;
        var indoors = ReceiverIndoors;
        var reports = indoors ? IndoorReports : 1;
        if (!StatedMoving || fixes.Count < reports || fixes[^1].CourseDeg is null)
        {
            return (SaidWay.None, null);
        }

        var way = SaidWay.None;
        double? latest = null;
        for (var i = fixes.Count - 1; i >= fixes.Count - reports; i--)
        {
            if (SaidClosingMps(target, t, sigma, i, noiseM) is not { } closing)
            {
                return (SaidWay.None, null);
            }

            latest ??= closing;

            var now = closing >= HeadingNeededMps(SaidWay.Toward, indoors) ? SaidWay.Toward
                : -closing >= HeadingNeededMps(SaidWay.Away, indoors) ? SaidWay.Away
                : SaidWay.Across;
            way = way == SaidWay.None || way == now ? now : SaidWay.Across;
        }

        return (way, latest);
    }

    /// <summary>
    /// When (seconds on <paramref name="t"/>) the unit's reports began to say it heads <paramref name="way"/> (toward
    /// the threat or away from it), where they have said so for <see cref="SaidStillS"/> and on two reports at least,
    /// none after a silence longer than its cadence allows and none from before it was judged, at
    /// <paramref name="earliest"/>; null otherwise. Away only outdoors: indoors a receiver's course is too poor to
    /// raise a flag on.
    /// </summary>
    private double? SaidHeadingFrom(SaidWay way, ThreatTarget target, Span<double> t, Span<double> sigma, double noiseM, double earliest)
    {
        var indoors = ReceiverIndoors;
        if (!StatedMoving || (indoors && way == SaidWay.Away))
        {
            return null;
        }

        var fixes = Track.Fixes;
        var needed = HeadingNeededMps(way, indoors);
        var sign = way == SaidWay.Toward ? 1 : -1;
        var first = fixes.Count;
        while (first > 0 && t[first - 1] >= earliest && sign * SaidClosingMps(target, t, sigma, first - 1, noiseM) >= needed
               && (first == fixes.Count || (fixes[first].Time - fixes[first - 1].Time).TotalSeconds <= LearnedSilenceS))
        {
            first--;
        }

        return fixes.Count - first >= SaidStillFixes && t[^1] - t[first] >= SaidStillS ? t[first] : null;
    }

    /// <summary>
    /// How fast fix <paramref name="i"/>'s report says the unit moved toward the threat (negative: away): its speed
    /// times how much a step along its course shortens its distance to the threat, from where the unit stood then (the
    /// median of its fixes of the smoothing window) — the straight line's bearing in the open, the walking path where
    /// the site has one. Null where it said no speed or course, or where the unit stood too near the threat for its
    /// noise to give the bearing: within the contact radius and hysteresis, or its noise (beyond that, one error of
    /// where it stands turns the bearing by about 45 degrees, and a walk straight in still reads 0.7 of its speed).
    /// </summary>
    private double? SaidClosingMps(ThreatTarget target, Span<double> t, Span<double> sigma, int i, double noiseM)
    {
        var fix = Track.Fixes[i];
        if (fix is not { SpeedMps: { } speed, CourseDeg: { } course })
        {
            return null;
        }

        var at = MedianPoint(t, sigma, i, options.SmoothingWindow.TotalSeconds, SmoothedFixes).Point;
        if (at.DistanceTo(target.Point) < Math.Max(options.ContactRadiusM + options.ArrivalHysteresisM, noiseM))
        {
            return null;
        }

        // A step either way along the course (a distance is never shortened faster than the step; where the path
        // changes its way in between, more would be an artefact).
        var radians = course * Math.PI / 180;
        var step = new Geometry.LocalPoint(Math.Sin(radians) * CourseStepM, Math.Cos(radians) * CourseStepM);
        var behind = target.Distance(fix with { Point = at - step }, BaseAltitudeM, InThreatsBuilding(target));
        var ahead = target.Distance(fix with { Point = at + step }, BaseAltitudeM, InThreatsBuilding(target));
        return speed * Math.Clamp((behind - ahead) / (2 * CourseStepM), -1, 1);
    }

    // How far either way along its course a unit's distance to the threat is taken, to see how a step shortens it.
    private const double CourseStepM = 1;

    /// <summary>
    /// The closing rate the board shows and the state follows, where the unit's latest report says its course outdoors:
    /// what its receiver measured, not the slope of 30 s of fixes that may still span a turn (a unit walking away at
    /// 1.2 m/s was shown closing at 0.0 m/s) or scatter (a held unit's flag turned to moving away on it).
    /// Null elsewhere: indoors one report's course is too poor.
    /// </summary>
    private double? SaidRateMps((SaidWay Way, double? ClosingMps) said) => BuildingId is null ? said.ClosingMps : null;

    /// <summary>
    /// The unit heads for the threat at walking pace by its receiver's word: by its course where it says one, by its
    /// speed alone where it does not (see <see cref="SaysMoving"/>). A unit whose course says it walks across or away
    /// is not given the lower bar its speed alone would earn.
    /// </summary>
    private bool SaysApproach(SaidWay way) => way == SaidWay.Toward || (way == SaidWay.None && SaysMoving);

    /// <summary>
    /// How fast along the bearing a report must say the unit moves to head that way: toward the threat outdoors, the
    /// hold speed (a unit closing that fast is not holding; standing still reads it one time in a million); away,
    /// walking pace, for that raises a flag; indoors, where standing still reads 0.6 m/s on average, 1.2 m/s either way.
    /// </summary>
    private double HeadingNeededMps(SaidWay way, bool indoors) =>
        indoors ? MovingIndoorsSpeedMps : way == SaidWay.Toward ? options.HoldSpeedMps : MovingSpeedMps;

    /// <summary>
    /// Whether the unit's receiver is heard as one indoors: the unit is in a building by its fixes, and its receiver has
    /// not just said it stands still as only one under the sky does (see <see cref="HeardUnderTheSky"/>). A unit that
    /// waits a few metres outside a wall has fixes that put it in the building now and then, and its receiver's word
    /// was taken at an indoor receiver's worth: its walk in at 1.1 m/s, said to a tenth, was not heard until it read
    /// 1.2 twice, and its flag stayed up a fix or two after the half minute a clear may take.
    /// </summary>
    private bool ReceiverIndoors => BuildingId is not null && !HeardUnderTheSky();

    /// <summary>
    /// Whether the unit's receiver has said it stood still under the sky within the rate window: reports in a row, three
    /// at least and over <see cref="SaidStillS"/> at least, each below a quarter of a metre a second (one of them above
    /// 0, for 0 alone is what a receiver that lost its speed says). Standing still indoors a receiver reads 0.6 m/s on
    /// average and below a quarter one time in eight: three in a row one time in six hundred, and over 10 s of a device
    /// reporting every second, never.
    /// </summary>
    private bool HeardUnderTheSky()
    {
        var fixes = Track.Fixes;
        var run = 0;
        var measured = false;
        DateTimeOffset? runEnd = null;
        for (var i = fixes.Count - 1; i >= 0 && (run > 0 || fixes[^1].Time - fixes[i].Time <= options.RateWindow); i--)
        {
            if (fixes[i].SpeedMps is { } speed && speed is >= 0 and < StillSpeedMps)
            {
                run++;
                runEnd ??= fixes[i].Time;
                measured |= speed > 0;
                if (run >= StillReports && measured && (runEnd.Value - fixes[i].Time).TotalSeconds >= SaidStillS)
                {
                    return true;
                }
            }
            else if (run > 0)
            {
                return false;
            }
        }

        return false;
    }

    // Reports in a row that must say the way indoors.
    private const int IndoorReports = 2;
}
