using System.Globalization;
using Command.Domain.Units;

namespace Command.Domain.Assessment;

/// <summary>
/// The doctrine the assessment encodes, as options with their defaults. An incident records the options it was
/// opened under, so a replay applies the same ones whatever the replaying host is configured with.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AssessmentOptions
{
    /// <summary>Shortest window the closing rate is measured over. Default 30 s (or 3 fixes, whichever is longer).</summary>
    [Id(0)]
    public TimeSpan RateWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fewest fixes the closing rate is measured over. Default 3.</summary>
    [Id(1)]
    public int RateWindowFixes { get; init; } = 3;

    /// <summary>
    /// Shortest gap between two fixes of a unit's track. A fix that comes sooner after the last one the track kept
    /// still moves the unit on the map and counts for zones, but is not judged: a closing rate fitted over
    /// <see cref="RateWindow"/> gains nothing from it, and a device reporting ten times a second would otherwise cost
    /// ten times as much to judge. Default 1 s.
    /// </summary>
    [Id(2)]
    public TimeSpan TrackSpacing { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Window of the smoothed distance that progress is measured with. Default 10 s (at least one fix).</summary>
    [Id(3)]
    public TimeSpan SmoothingWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Accuracy assumed for a fix whose source states none, metres (one sigma). Default 5 m: such sources are
    /// NMEA and APRS receivers outdoors; when the fixes scatter more, the rate's error is scaled up from them.
    /// </summary>
    [Id(4)]
    public double DefaultAccuracyM { get; init; } = 5;

    /// <summary>Closing rate above which a unit shows as closing (and below its negative, opening). Default 0.3 m/s.</summary>
    [Id(5)]
    public double MovingRateMps { get; init; } = 0.3;

    /// <summary>
    /// A hold is confirmed only when the unit cannot be closing faster than this (95 % bound over the fixes since
    /// its last progress), so a unit closing at walking pace through noise is not called holding. Default 0.5 m/s.
    /// </summary>
    [Id(6)]
    public double HoldSpeedMps { get; init; } = 0.5;

    /// <summary>
    /// Within this distance of the threat a unit has arrived: by walking path where the site has a walk graph, inside
    /// the threat's building when it is in one, and on its floor when both floors are known. Default 15 m.
    /// </summary>
    [Id(7)]
    public double ContactRadiusM { get; init; } = 15;

    /// <summary>
    /// Widens the contact radius by the threat's stated uncertainty. Default false: arrival is being there, and a
    /// threat's uncertainty must not turn a unit that stopped short into an arrived one.
    /// </summary>
    [Id(8)]
    public bool ArrivalWidensByUncertainty { get; init; }

    /// <summary>An arrived unit leaves arrival only this far beyond the contact radius (and its noise allowance). Default 5 m.</summary>
    [Id(9)]
    public double ArrivalHysteresisM { get; init; } = 5;

    /// <summary>
    /// Most that an arrived unit's own noise widens the distance it must go beyond (and the margin outside the
    /// threat's building) before it leaves arrival: indoor fixes 10-50 m off put a unit in contact outside the wall
    /// now and then. The allowance is twice the standard error of its position over the rate window. Default 12 m.
    /// </summary>
    [Id(10)]
    public double ArrivalNoiseAllowanceM { get; init; } = 12;

    /// <summary>
    /// A hold ends, and the flag raised in it clears, only on real progress: a closing rate of at least this over the
    /// rate window, with its lower bound (one-sided 95 %) above zero. Default 0.5 m/s.
    /// </summary>
    [Id(11)]
    public double ClearRateMps { get; init; } = 0.5;

    /// <summary>... and the unit nearer than where it held by more than this many times the noise of that progress: its own noise over the fixes the held and the present distances are taken from. Default 2.25.</summary>
    [Id(12)]
    public double ClearProgressNoises { get; init; } = 2.25;

    /// <summary>Shortest silence after which a unit is stale. Default 15 s.</summary>
    [Id(13)]
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A unit is stale after this many of its usual report intervals (learned from its fixes) without a fix, if longer than <see cref="StaleAfter"/>. Default 3.</summary>
    [Id(14)]
    public double StaleCadences { get; init; } = 3;

    /// <summary>
    /// A unit is not stale before the time its latest report says it stands until (CoT's <c>stale</c>), up to this
    /// long after that report: ATAK reports every 180 s standing still through a TAK server, and says its fix stands
    /// for 375 s. Zero ignores what reports say. Default 10 minutes.
    /// </summary>
    [Id(33)]
    public TimeSpan LongestStatedStale { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Speed assumed for a backup that is not closing faster: its ETA is its distance over the larger of this and its closing rate. Default 2 m/s, a fast walk.</summary>
    [Id(15)]
    public double AssumedApproachSpeedMps { get; init; } = 2;

    /// <summary>The walking pace the units proposed to go instead of a flagged one are ranked at. Default 2 m/s, a fast walk.</summary>
    [Id(32)]
    public double SendPaceMps { get; init; } = 2;

    /// <summary>Roles expected to close on an active threat; only these are flagged. Default contact and unassigned.</summary>
    [Id(16)]
    [System.Text.Json.Serialization.JsonConverter(typeof(RoleSetJson))]
    public IReadOnlySet<UnitRole> ClosingRoles { get; init; } = new HashSet<UnitRole> { UnitRole.Contact, UnitRole.Unassigned };

    /// <summary>A hold gets the backup's ETA as grace when that ETA is at most this; otherwise no grace. Default 30 s.</summary>
    [Id(17)]
    public TimeSpan GraceCap { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Holding this long past grace raises a watch. Default 20 s.</summary>
    [Id(18)]
    public TimeSpan HoldWatchAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Holding this long past grace raises an alert. Default 60 s.</summary>
    [Id(19)]
    public TimeSpan HoldAlertAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Moving away this long past grace raises a watch. Default 10 s.</summary>
    [Id(20)]
    public TimeSpan OpeningWatchAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Moving away this long past grace raises an alert. Default 30 s.</summary>
    [Id(21)]
    public TimeSpan OpeningAlertAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An acknowledged flag returns after this long even if nothing else changed. Default 5 minutes.</summary>
    [Id(22)]
    public TimeSpan AcknowledgementLasts { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Vertical rate (95 % bound) that counts as climbing or descending stairs. Default 0.1 m/s.</summary>
    [Id(23)]
    public double ClimbRateMps { get; init; } = 0.1;

    /// <summary>Height of one floor, metres: turns altitude into floors and floors into path length. Default 3.5 m.</summary>
    [Id(24)]
    public double FloorHeightM { get; init; } = 3.5;

    /// <summary>
    /// How far from a position inside a building the walk graph's nodes are looked for, and a stair for any position.
    /// Outdoors every node and building corner in sight is. Default 40 m.
    /// </summary>
    [Id(25)]
    public double SnapRadiusM { get; init; } = 40;

    /// <summary>How many nearby walk graph nodes a position inside a building is joined to. Default 3.</summary>
    [Id(26)]
    public int SnapNodes { get; init; } = 3;

    /// <summary>A unit leaves a zone only when this far outside it, so boundary noise does not flap occupancy. Default 5 m.</summary>
    [Id(27)]
    public double ZoneExitMarginM { get; init; } = 5;

    /// <summary>A hot zone holding an active threat with no contact unit inside raises a watch after this. Default 60 s.</summary>
    [Id(28)]
    public TimeSpan HotZoneWatchAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>... and an alert after this. Default 3 minutes.</summary>
    [Id(29)]
    public TimeSpan HotZoneAlertAfter { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>A casualty collection point with no medical unit, while a threat is active or contained, raises a watch after this. Default 3 minutes.</summary>
    [Id(30)]
    public TimeSpan CasualtyCollectionWatchAfter { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>... and an alert after this. Default 10 minutes.</summary>
    [Id(31)]
    public TimeSpan CasualtyCollectionAlertAfter { get; init; } = TimeSpan.FromMinutes(10);

    public static AssessmentOptions Default { get; } = new();

    /// <summary>
    /// What is wrong with these settings, each named as its configuration key (section <c>Assessment</c>), in one
    /// sentence; null when nothing is. A window, rate, distance or count that must be positive is not zero or less, a
    /// margin or wait is not negative, no number is NaN or infinite, and an alert never comes before its watch.
    /// </summary>
    public string? Problem()
    {
        var problems = Problems().ToList();
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new (string, TimeSpan)[] { (nameof(RateWindow), RateWindow), (nameof(StaleAfter), StaleAfter), (nameof(AcknowledgementLasts), AcknowledgementLasts) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"Assessment:{name} must be positive (was {value})";
            }
        }

        foreach (var (name, value) in new (string, TimeSpan)[]
        {
            (nameof(TrackSpacing), TrackSpacing), (nameof(SmoothingWindow), SmoothingWindow), (nameof(GraceCap), GraceCap),
            (nameof(HoldWatchAfter), HoldWatchAfter), (nameof(OpeningWatchAfter), OpeningWatchAfter),
            (nameof(HotZoneWatchAfter), HotZoneWatchAfter), (nameof(CasualtyCollectionWatchAfter), CasualtyCollectionWatchAfter),
            (nameof(LongestStatedStale), LongestStatedStale),
        })
        {
            if (value < TimeSpan.Zero)
            {
                yield return $"Assessment:{name} must be zero or more (was {value})";
            }
        }

        foreach (var (name, value) in new (string, double)[]
        {
            (nameof(DefaultAccuracyM), DefaultAccuracyM), (nameof(MovingRateMps), MovingRateMps), (nameof(HoldSpeedMps), HoldSpeedMps),
            (nameof(ContactRadiusM), ContactRadiusM), (nameof(ClearRateMps), ClearRateMps), (nameof(ClearProgressNoises), ClearProgressNoises),
            (nameof(StaleCadences), StaleCadences), (nameof(AssumedApproachSpeedMps), AssumedApproachSpeedMps), (nameof(SendPaceMps), SendPaceMps),
            (nameof(ClimbRateMps), ClimbRateMps), (nameof(FloorHeightM), FloorHeightM), (nameof(SnapRadiusM), SnapRadiusM),
        })
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"Assessment:{name} must be a positive number (was {value})");
            }
        }

        foreach (var (name, value) in new (string, double)[]
        {
            (nameof(ArrivalHysteresisM), ArrivalHysteresisM), (nameof(ArrivalNoiseAllowanceM), ArrivalNoiseAllowanceM), (nameof(ZoneExitMarginM), ZoneExitMarginM),
        })
        {
            if (!(value >= 0) || double.IsInfinity(value))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"Assessment:{name} must be a number of metres, zero or more (was {value})");
            }
        }

        foreach (var (name, value, least) in new (string, int, int)[] { (nameof(RateWindowFixes), RateWindowFixes, 2), (nameof(SnapNodes), SnapNodes, 1) })
        {
            if (value < least)
            {
                yield return $"Assessment:{name} must be at least {least} (was {value})";
            }
        }

        foreach (var (alert, watch, alertAfter, watchAfter) in new (string, string, TimeSpan, TimeSpan)[]
        {
            (nameof(HoldAlertAfter), nameof(HoldWatchAfter), HoldAlertAfter, HoldWatchAfter),
            (nameof(OpeningAlertAfter), nameof(OpeningWatchAfter), OpeningAlertAfter, OpeningWatchAfter),
            (nameof(HotZoneAlertAfter), nameof(HotZoneWatchAfter), HotZoneAlertAfter, HotZoneWatchAfter),
            (nameof(CasualtyCollectionAlertAfter), nameof(CasualtyCollectionWatchAfter), CasualtyCollectionAlertAfter, CasualtyCollectionWatchAfter),
        })
        {
            if (alertAfter < watchAfter)
            {
                yield return $"Assessment:{alert} ({alertAfter}) must be at least Assessment:{watch} ({watchAfter}): an alert follows its watch";
            }
        }
    }
}
