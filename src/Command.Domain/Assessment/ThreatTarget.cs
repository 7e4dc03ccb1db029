using Command.Domain.Geometry;
using Command.Domain.Threats;
using Command.Domain.Walking;

namespace Command.Domain.Assessment;

/// <summary>
/// A threat placed in the site's local plane: its walking-distance field where the site has a walk graph, the
/// building it is in, and its floor where that is really known.
/// </summary>
internal sealed class ThreatTarget
{
    private readonly AssessmentOptions options;
    private readonly Polygon? walls;

    public ThreatTarget(Threat threat, LocalFrame frame, WalkNetwork network, SiteBuildings buildings, AssessmentOptions options)
    {
        this.options = options;
        Threat = threat;
        Point = frame.ToLocal(threat.Position);
        Building = buildings.Containing(Point);
        BuildingName = Building is { } inside ? buildings[inside].Name : null;
        walls = Building is { } within ? buildings.Shape(within) : null;
        KnownFloor = threat.Floor ?? (Building is { } b ? buildings.FloorOf(b, threat.AltitudeM, threat.AltitudeDatum, threat.VerticalAccuracyM, null) : null);
        Floor = KnownFloor ?? 0;
        Field = network.HasGraph ? new DistanceField(network, Point, Floor, options.SnapRadiusM, options.SnapNodes) : null;
    }

    public Threat Threat { get; }

    public LocalPoint Point { get; }

    /// <summary>The building the threat is in (an index into the site's buildings), or null when it is outdoors.</summary>
    public int? Building { get; }

    /// <summary>The name of the building the threat is in, or null when it is outdoors.</summary>
    public string? BuildingName { get; }

    /// <summary>The threat's floor when stated, or worked out from an altitude with its datum and accuracy; else null.</summary>
    public int? KnownFloor { get; }

    /// <summary>The floor walking distance is measured to: the known floor, else the ground.</summary>
    public int Floor { get; }

    public DistanceField? Field { get; }

    /// <summary>
    /// Within this distance a unit has arrived: the contact radius, widened by the threat's uncertainty only where the
    /// options say so (an unknown uncertainty widens nothing).
    /// </summary>
    public double ArrivalRadiusM => options.ContactRadiusM + (options.ArrivalWidensByUncertainty ? Threat.UncertaintyM ?? 0 : 0);

    public bool Matches(ProgressAnchor anchor) =>
        anchor.ThreatId == Threat.ThreatId && anchor.Target == Point && anchor.Floor == Floor;

    /// <summary>
    /// The distance that closing is measured on: the walking path where there is a walk graph; otherwise the
    /// straight line plus the height still to climb, from known floors, or else from the unit's altitude against its
    /// first fix's when the threat's floor is known. Outside the threat's building within 3 m of its walls the
    /// straight line, and over the next 12 m more and more of the walk round to a door, for the fix may be an
    /// indoor one thrown out through the wall.
    /// </summary>
    /// <param name="fix">Where the unit was reported.</param>
    /// <param name="baseAltitudeM">The unit's first altitude, for the height it has climbed.</param>
    /// <param name="inItsBuilding">
    /// The unit is in the threat's building: a fix its noise puts outside the walls is measured from the nearest point
    /// inside them, plus how far out the fix is — not as the walk round the outside to a door, tens of metres more.
    /// </param>
    public double Distance(TrackFix fix, double? baseAltitudeM, bool inItsBuilding = false) => Reach(fix, baseAltitudeM, inItsBuilding).Judged;

    /// <summary>
    /// The distance closing is measured on (see <see cref="Distance"/>), and the walk from the fix where that was
    /// worked out on the way (see <see cref="Walk"/>): null where it was not, so that a fix's walk is not worked out
    /// twice.
    /// </summary>
    public (double Judged, double? Walk) Reach(TrackFix fix, double? baseAltitudeM, bool inItsBuilding)
    {
        if (inItsBuilding && Field is not null && walls is not null && !walls.Contains(fix.Point))
        {
            var wall = walls.ClosestOnBoundary(fix.Point);
            var outside = fix.Point.DistanceTo(wall);
            return (outside + Measure(fix with { Point = outside > 0 ? wall + ((wall - fix.Point) * (InsideByM / outside)) : wall }, baseAltitudeM, inItsBuilding), null);
        }

        if (Field is null || walls is null || inItsBuilding || walls.Contains(fix.Point))
        {
            var measured = Measure(fix, baseAltitudeM, inItsBuilding);
            return (measured, measured);
        }

        // Outside by the threat's building, within what an indoor fix's error may carry it, the walk round to a door
        // is given only in part: the unit may be inside.
        var trust = Math.Clamp((walls.DistanceToBoundary(fix.Point) - NearWallM) / NearWallSpanM, 0, 1);
        if (trust <= 0)
        {
            return (Measure(fix, baseAltitudeM, inItsBuilding, straight: true), null);
        }

        var walk = Measure(fix, baseAltitudeM, inItsBuilding);
        if (trust >= 1)
        {
            return (walk, walk);
        }

        var straight = Measure(fix, baseAltitudeM, inItsBuilding, straight: true);
        return (straight + (trust * Math.Max(0, walk - straight)), walk);
    }

    // Within this of the threat building's walls outside, the straight line; from there over the span, more and more of
    // the walk round to a door: indoor fixes are 10-40 m off, and one thrown out through a wall with no door read the
    // whole walk round, tens of metres, as the unit falling back or holding. On the evaluation's buildings with walk
    // graphs, 16 false flags on closing units instead of 28, and 51 on units in contact instead of 59; 5 m and 20 m
    // did no better there, and missed more holds by a wall.
    private const double NearWallM = 3;
    private const double NearWallSpanM = 12;

    /// <summary>
    /// The walk from the fix to the threat, as the board shows it beside the straight line: the walking path where
    /// there is a walk graph, with no allowance for the fix being off (see <see cref="Distance"/> for that).
    /// </summary>
    public double Walk(TrackFix fix, double? baseAltitudeM, bool inItsBuilding) => Measure(fix, baseAltitudeM, inItsBuilding);

    private double Measure(TrackFix fix, double? baseAltitudeM, bool inItsBuilding, bool straight = false)
    {
        var rise = fix.AltitudeM is { } alt && baseAltitudeM is { } ground ? alt - ground : (double?)null;
        // A unit on no known floor is on the ground outdoors, and in the threat's building on the threat's floor, as
        // arrival takes it: not at the foot of the stairs, the climb to the threat added to every walk.
        var floor = fix.Floor ?? (rise is { } r ? (int)Math.Round(r / options.FloorHeightM) : inItsBuilding ? Floor : 0);
        if (!straight && Field is not null && Field.PathDistance(fix.Point, floor) is { } path)
        {
            return path;
        }

        var flat = fix.Point.DistanceTo(Point);
        if (KnownFloor is { } f && fix.Floor is { } mine)
        {
            return flat + (Math.Abs(f - mine) * options.FloorHeightM);
        }

        return KnownFloor is { } target && rise is { } up ? flat + Math.Abs((target * options.FloorHeightM) - up) : flat;
    }

    // How far inside its wall a fix put outside is measured from: inside, not on the wall's line.
    private const double InsideByM = 0.05;

    public bool NearStairs(TrackFix fix, double? baseAltitudeM)
    {
        if (Field is null)
        {
            return false;
        }

        // A floor not known is any floor: not the ground's alone.
        var floor = fix.Floor ?? (fix.AltitudeM is { } alt && baseAltitudeM is { } ground ? (int)Math.Round((alt - ground) / options.FloorHeightM) : null);
        return Field.NearStairs(fix.Point, floor);
    }
}
