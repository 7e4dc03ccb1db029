using System.Collections.Immutable;
using Command.Domain.Geometry;
using Command.Domain.Units;

namespace Command.Evaluation.Harness;

/// <summary>What a unit is truly doing in one second of a synthetic track.</summary>
public enum TruthLabel
{
    /// <summary>Moving toward the threat at 1 m/s or faster.</summary>
    Closing,

    /// <summary>Moving toward the threat slower than 1 m/s: a tactical approach.</summary>
    Tactical,

    /// <summary>Standing still.</summary>
    Holding,

    /// <summary>Moving away from the threat.</summary>
    Opening,

    /// <summary>On the stairs: climbing toward the threat's floor.</summary>
    Climbing,

    /// <summary>At the threat.</summary>
    Arrived,

    /// <summary>Moving without regard to the threat (exempt roles about their task).</summary>
    Moving,
}

/// <summary>Ground truth for one second: where the unit is, its altitude, what it is doing and how fast, and whether it is indoors.</summary>
public sealed record TruthSecond(LocalPoint Position, double? AltitudeM, TruthLabel Label, double SpeedMps, bool Indoors = false);

/// <summary>
/// A fix as a device would send it: at a whole second of the drill, with noise, maybe an outlier; and, from a device
/// that says so, for how many seconds it stands (CoT's stale) and the speed and course it measured.
/// <paramref name="Multipath"/> marks one of a burst of multipath outliers, which no device says.
/// </summary>
public sealed record SyntheticFix(int Second, LocalPoint Point, double? AccuracyM, double? AltitudeM, int? StandsS = null, double? SpeedMps = null, bool Multipath = false, double? CourseDeg = null);

/// <summary>One unit's synthetic track: its ground truth second by second and the fixes its device sent.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Role">Its assignment.</param>
/// <param name="Profile">The device profile: phone, tracker or radio.</param>
/// <param name="CadenceS">Seconds between fixes.</param>
/// <param name="NoiseM">Horizontal noise outdoors (its root mean square), metres; indoors it is larger.</param>
/// <param name="Truth">Ground truth for seconds 0, 1, 2, ...</param>
/// <param name="Fixes">The fixes sent, in time order.</param>
/// <param name="IndoorNoiseM">Horizontal noise indoors (root mean square), metres.</param>
/// <param name="Stated">What accuracy the device states: honest, half (its real error halved) or none.</param>
/// <param name="BiasM">Standard deviation (one axis) of the bias that wanders under its fixes outdoors; twice that indoors.</param>
public sealed record LabelledTrack(
    string UnitId,
    UnitRole Role,
    string Profile,
    int CadenceS,
    double NoiseM,
    ImmutableArray<TruthSecond> Truth,
    ImmutableArray<SyntheticFix> Fixes,
    double IndoorNoiseM = 0,
    string Stated = "honest",
    double BiasM = 0)
{
    /// <summary>True when the truth puts the unit indoors at some second of <paramref name="from"/> to <paramref name="to"/>.</summary>
    public bool IndoorsBetween(int from, int to) => Truth.Skip(from).Take(Math.Max(0, to - from + 1)).Any(t => t.Indoors);
}

/// <summary>
/// One synthetic incident: a threat at the origin (on a floor, for stair climbs and buildings), how uncertain its
/// marker says it is (null: unknown, as a hand-placed marker), the building it is in (if any) and the units' tracks;
/// where <paramref name="DoorBearingRad"/> is given, the building has a walk graph with its door on that bearing from
/// the threat (radians clockwise from north), the way its subject and backup walk in.
/// </summary>
public sealed record EvaluationIncident(
    int Index,
    string Kind,
    int? ThreatFloor,
    ImmutableArray<LabelledTrack> Tracks,
    double? ThreatUncertaintyM = 5,
    EvaluationBuilding? Building = null,
    double? DoorBearingRad = null)
{
    /// <summary>Seconds the incident runs: the longest track.</summary>
    public int DurationS => Tracks.Max(t => t.Truth.Length) - 1;
}
