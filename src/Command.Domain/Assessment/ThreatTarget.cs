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

    public ThreatTarget(Threat threat, LocalFrame frame, WalkNetwork network, SiteBuildings buildings, AssessmentOptions options)
    {
        this.options = options;
        Threat = threat;
        Point = frame.ToLocal(threat.Position);
        Building = buildings.Containing(Point);
        BuildingName = Building is { } inside ? buildings[inside].Name : null;
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
    /// first fix's when the threat's floor is known.
    /// </summary>
    public double Distance(TrackFix fix, double? baseAltitudeM)
    {
        var rise = fix.AltitudeM is { } alt && baseAltitudeM is { } ground ? alt - ground : (double?)null;
        var floor = fix.Floor ?? (rise is { } r ? (int)Math.Round(r / options.FloorHeightM) : 0);
        if (Field is not null && Field.PathDistance(fix.Point, floor) is { } path)
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

    public bool NearStairs(TrackFix fix, double? baseAltitudeM)
    {
        if (Field is null)
        {
            return false;
        }

        var floor = fix.Floor ?? (fix.AltitudeM is { } alt && baseAltitudeM is { } ground ? (int)Math.Round((alt - ground) / options.FloorHeightM) : 0);
        return Field.NearStairs(fix.Point, floor);
    }
}
