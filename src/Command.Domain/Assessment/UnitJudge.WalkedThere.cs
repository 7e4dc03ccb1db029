using Command.Domain.Geometry;

namespace Command.Domain.Assessment;

/// <summary>
/// A unit that walked up to a threat in the open and stopped there, heard from its own receiver. A tracker every 8-10 s
/// has one fix or none within the contact radius as it gets there; a burst of multipath that follows throws its next
/// fixes 40-80 m off, before its receiver has said for long that it stands still, and an officer standing at the
/// threat, his receiver saying 0.1 m/s, was flagged "moving away for 53 s, now 75 m from the threat". Under the sky the
/// receiver's velocity is good to a tenth of a metre a second: from a fix that the fix before it and the walk between
/// them bear out, its reports since say where the unit is.
/// </summary>
internal sealed partial class UnitJudge
{
    /// <summary>
    /// Where the unit stands by its receiver's word, when that is within <paramref name="reachM"/> of the threat: under
    /// the sky (the threat in no building, nor the unit), from one of its latest four fixes (a burst of multipath is
    /// three at most) within the last two minutes, where the fix before it and the receiver's walk between them put the
    /// unit (within three times what their noise and its velocity error allow), the middle of the two within contact's
    /// reach (the radius and its hysteresis), its reports since add up to a walk no longer than twice the radius that
    /// leaves it within that reach. Every report since the fix before said its speed, and its course where it moved,
    /// with no silence between. Null otherwise. The walk is short: a device stuck on its last speed as the unit stopped
    /// would walk it on for as long as it is believed.
    /// </summary>
    private LocalPoint? ThereByItsWord(ThreatTarget target, Span<double> t, double noiseM, double reachM)
    {
        var fixes = Track.Fixes;
        if (target.Building is not null || BuildingId is not null || !StatedMoving)
        {
            return null;
        }

        var contact = target.ArrivalRadiusM + options.ArrivalHysteresisM;
        var since = default(LocalPoint);
        var later = Velocity(fixes[^1]);
        for (var k = fixes.Count - 1; k >= Math.Max(1, fixes.Count - 1 - BurstFixes) && t[^1] - t[k] <= StoodWindowS; k--)
        {
            var at = Velocity(fixes[k]);
            if (k < fixes.Count - 1)
            {
                if (!SaidItsWay(fixes[k], fixes[k + 1], t[k + 1] - t[k]))
                {
                    return null;
                }

                since += (at + later) * ((t[k + 1] - t[k]) / 2);
                if (since.Length > LongestBridgeRadii * target.ArrivalRadiusM)
                {
                    return null;
                }
            }

            later = at;
            var into = t[k] - t[k - 1];
            var allowed = BearOutNoises * Math.Sqrt((2 * noiseM * noiseM) + Math.Pow(VelocityErrorMps * into, 2));
            if (fixes[k].Point.DistanceTo(target.Point) > contact + allowed || !SaidItsWay(fixes[k - 1], fixes[k], into))
            {
                continue;
            }

            var expected = fixes[k - 1].Point + ((Velocity(fixes[k - 1]) + at) * (into / 2));
            // Where it stood at that fix, between the fix and where the fix before and the walk put it, each as good: in
            // contact's reach (the radius and its hysteresis), from where the walk since takes it.
            var stood = (fixes[k].Point + expected) * 0.5;
            var now = stood + since;
            if ((fixes[k].Point - expected).Length <= allowed && Within(target, stood, contact) is not null && Within(target, now, reachM) is not null)
            {
                return now;
            }
        }

        return null;
    }

    // Whether two reports in a row, a gap apart, say the walk between them: each its speed, and its course where it
    // moved, with no silence between.
    private bool SaidItsWay(TrackFix earlier, TrackFix later, double gap) =>
        gap <= LearnedSilenceS && Said(earlier) && Said(later);

    private static bool Said(TrackFix fix) => fix.SpeedMps is { } speed && (speed < StillSpeedMps || fix.CourseDeg is not null);

    // How far, in contact radii, the walk since such a fix may take the unit: a report as it stops still says the pace
    // of the walk, and over a gap of 20 s the walk reads twice what it was.
    private const double LongestBridgeRadii = 2;

    // How many times what their noise allows a fix in contact may lie off where the fix before it and the receiver's
    // walk put the unit: a fix of multipath lies 30-80 m off.
    private const double BearOutNoises = 3;
}
