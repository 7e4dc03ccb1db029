using Command.Domain.Geometry;
using Command.Domain.Reports;

namespace Command.Domain.Validation;

/// <summary>
/// Where one unit's track holds, and the one other place its taken fixes keep leaving it for and coming back from: two
/// devices reporting under one id far enough apart in time that neither's fixes imply a speed no one reaches (a cloned
/// ATAK install 220 m away every 4 s, one device token used from two places 150 m apart every 2.5 s). Each was taken in
/// turn, and the unit was drawn jumping between them. A taken fix more than <see cref="FarM"/> from where the track holds
/// leaves it; one back within that of it, within <see cref="Returning"/>, ends the excursion. A second excursion to
/// within <see cref="SecondDevices.SamePlaceM"/> of the first makes that place the second device's; a track away for
/// longer than <see cref="Returning"/> has moved there. Times are on the clock units are judged on (a drill played at 60×
/// starts a round over every ten seconds, its units back at staging), and a drill's round starts the places afresh.
/// </summary>
internal sealed partial class UnitPlaces(int round)
{
    /// <summary>The round of the incident's drill these places were learned in.</summary>
    public int Round { get; } = round;

    /// <summary>How far a fix must leave the track to count as elsewhere: 100 m, further than a burst of multipath throws one.</summary>
    public const double FarM = 100;

    /// <summary>How soon the track must come back for a fix away to be an excursion and not a move: a minute.</summary>
    public static readonly TimeSpan Returning = TimeSpan.FromMinutes(1);

    /// <summary>How long the second place is kept with no fix from it, or between its two excursions: two minutes.</summary>
    public static readonly TimeSpan Forgotten = TimeSpan.FromMinutes(2);

    // The latest fix taken where the track holds; the latest taken away from it, while it may still come back; and the
    // last place an excursion went to.
    private PositionReport? home;
    private PositionReport? away;
    private PositionReport? excursion;
    private DateTimeOffset? awaySince;
    private DateTimeOffset secondHeard;

    /// <summary>The latest fix taken where the track holds; null before the first.</summary>
    public PositionReport? Home => home;

    /// <summary>Whether <paramref name="latest"/>, the unit's latest fix taken, left the track and it has not come back since.</summary>
    public bool IsAway(PositionReport latest) => away is { } a && a.FixTime == latest.FixTime;

    /// <summary>
    /// The place the unit's second device reports from, once two excursions went there, or its fixes jumped there and
    /// came from there again after one where the track holds; null before, or once forgotten.
    /// </summary>
    public PositionReport? Second { get; private set; }

    /// <summary>How the second device's place was found, in words that follow "from".</summary>
    public string SecondFound { get; private set; } = Excursions;

    private const string Excursions = "the one place its fixes have left it for and come back from, twice";
    private const string Alternating = "the place a fix jumped to faster than its device said it went, again after one where the track holds";

    /// <summary>True, and heard from there now, when <paramref name="report"/> comes from the second device's place.</summary>
    public bool FromSecond(PositionReport report, Incidents.DrillClock? clock)
    {
        // Where the track holds now is the unit's, whatever was heard from there before.
        if (Second is not { } second || Elapsed(clock, secondHeard, report.FixTime) > Forgotten || !Near(second, report, SecondDevices.SamePlaceM)
            || (home is { } track && Near(track, report, FarM)))
        {
            return false;
        }

        secondHeard = report.FixTime;
        return true;
    }

    /// <summary>Follows a fix taken of the unit.</summary>
    public void Took(PositionReport report, Incidents.DrillClock? clock)
    {
        (takenBefore, latestTaken) = (latestTaken, report);
        saidMoving |= report.SpeedMps >= SaidMovingMps;
        if (home is null)
        {
            home = report;
            Heard(report);
            return;
        }

        if (Near(home, report, FarM))
        {
            Heard(report);
            if (jump is { } held)
            {
                // The track's own device between the jump's fixes: one more from there is another device's. Long after the
                // latest of them, the jump was a burst that ended.
                jump = Elapsed(clock, held.Latest.FixTime, report.FixTime) <= SecondDevices.Lasting ? held with { TrackBetween = true } : null;
            }

            if (away is { } left)
            {
                // Back: an excursion. Twice to one place, that place is another device's.
                if (excursion is { } before && Near(before, left, SecondDevices.SamePlaceM) && Elapsed(clock, before.FixTime, left.FixTime) <= Forgotten)
                {
                    (Second, secondHeard, SecondFound) = (left, left.FixTime, Excursions);
                }

                (excursion, away, awaySince) = (left, null, null);
            }

            home = report;
            return;
        }

        awaySince ??= report.FixTime;
        if (Elapsed(clock, awaySince.Value, report.FixTime) > Returning)
        {
            // Away for longer than an excursion lasts: the unit is there now.
            (home, away, awaySince) = (report, null, null);
            return;
        }

        away = report;
    }

    private static TimeSpan Elapsed(Incidents.DrillClock? clock, DateTimeOffset from, DateTimeOffset to) => clock?.Elapsed(from, to) ?? to - from;

    private static bool Near(PositionReport a, PositionReport b, double metres) =>
        GreatCircle.DistanceM(a.Position, b.Position) <= metres + (a.AccuracyM ?? 0) + (b.AccuracyM ?? 0);
}
