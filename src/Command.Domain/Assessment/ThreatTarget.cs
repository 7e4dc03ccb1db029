using Command.Domain.Geometry;
using Command.Domain.Threats;
using Command.Domain.Walking;

namespace Command.Domain.Assessment;

/// <summary>A threat placed in the site's local plane, with its walking-distance field where the site has a walk graph.</summary>
internal sealed class ThreatTarget
{
    private readonly AssessmentOptions options;

    public ThreatTarget(Threat threat, LocalFrame frame, WalkNetwork network, AssessmentOptions options)
    {
        this.options = options;
        Threat = threat;
        Point = frame.ToLocal(threat.Position);
        Floor = threat.Floor ?? 0;
        Field = network.HasGraph ? new DistanceField(network, Point, Floor, options.SnapRadiusM, options.SnapNodes) : null;
    }

    public Threat Threat { get; }

    public LocalPoint Point { get; }

    public int Floor { get; }

    public DistanceField? Field { get; }

    public double ArrivalRadiusM => options.ContactRadiusM + Threat.UncertaintyM;

    public bool Matches(ProgressAnchor anchor) =>
        anchor.ThreatId == Threat.ThreatId && anchor.Target == Point && anchor.Floor == Floor;

    /// <summary>
    /// The distance that closing is measured on: the walking path where there is a walk graph; otherwise the
    /// straight line plus the height still to climb when the threat's floor and the unit's altitude are known.
    /// </summary>
    public double Distance(TrackFix fix, double? baseAltitudeM)
    {
        var rise = fix.AltitudeM is { } alt && baseAltitudeM is { } ground ? alt - ground : (double?)null;
        if (Field is not null)
        {
            var floor = rise is { } r ? (int)Math.Round(r / options.FloorHeightM) : 0;
            if (Field.PathDistance(fix.Point, floor) is { } path)
            {
                return path;
            }
        }

        var flat = fix.Point.DistanceTo(Point);
        return Threat.Floor is { } f && rise is { } up ? flat + Math.Abs((f * options.FloorHeightM) - up) : flat;
    }

    public bool NearStairs(TrackFix fix, double? baseAltitudeM)
    {
        if (Field is null)
        {
            return false;
        }

        var floor = fix.AltitudeM is { } alt && baseAltitudeM is { } ground ? (int)Math.Round((alt - ground) / options.FloorHeightM) : 0;
        return Field.NearStairs(fix.Point, floor);
    }
}
