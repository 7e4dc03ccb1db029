using System.Collections.Immutable;
using Command.Domain.Geometry;

namespace Command.Evaluation.Harness;

/// <summary>
/// Builds a ground-truth track second by second along a bearing toward the threat at the origin: close, hold,
/// move away, climb; the unit's distance from the threat is what each step changes. Where the incident has a
/// building, each second says whether the unit is inside it (its fixes are then indoor fixes).
/// </summary>
internal sealed class TrackPlan(double bearingRad, double startM, double? altitudeM, EvaluationBuilding? building = null)
{
    private readonly List<TruthSecond> seconds = [];
    private double distance = startM;
    private double? altitude = altitudeM;

    public double StartM { get; } = startM;

    public double DistanceM => distance;

    public int Length => seconds.Count;

    /// <summary>How far from the threat, along this plan's bearing, the building's wall is; null without a building.</summary>
    public double? WallM => building?.WallAlong(bearingRad);

    public TrackPlan Close(double speed, double? untilM = null, int? forS = null, double stopM = 3)
    {
        var label = speed >= 1 ? TruthLabel.Closing : TruthLabel.Tactical;
        for (var s = 0; (forS is null || s < forS) && distance > Math.Max(stopM, untilM ?? stopM); s++)
        {
            Record(label, speed);
            distance = Math.Max(Math.Max(stopM, untilM ?? stopM), distance - speed);
        }

        return this;
    }

    public TrackPlan Hold(int seconds, TruthLabel label = TruthLabel.Holding)
    {
        for (var s = 0; s < seconds; s++)
        {
            Record(label, 0);
        }

        return this;
    }

    public TrackPlan Open(double speed, int seconds)
    {
        for (var s = 0; s < seconds; s++)
        {
            Record(TruthLabel.Opening, speed);
            distance += speed;
        }

        return this;
    }

    /// <summary>Moves away from the threat at <paramref name="speed"/> until <paramref name="untilM"/> from it.</summary>
    public TrackPlan OpenTo(double speed, double untilM)
    {
        while (distance < untilM)
        {
            Record(TruthLabel.Opening, speed);
            distance = Math.Min(untilM, distance + speed);
        }

        return this;
    }

    /// <summary>Climbs <paramref name="riseM"/> at <paramref name="verticalMps"/>, creeping toward the threat across the stairwell.</summary>
    public TrackPlan Climb(double riseM, double verticalMps)
    {
        var seconds = (int)Math.Ceiling(riseM / verticalMps);
        for (var s = 0; s < seconds; s++)
        {
            Record(TruthLabel.Climbing, verticalMps);
            altitude += riseM / seconds;
            distance = Math.Max(3, distance - 0.05);
        }

        return this;
    }

    /// <summary>The truth for exactly <paramref name="length"/> seconds: cut short, or held at the last position.</summary>
    public ImmutableArray<TruthSecond> Build(int length)
    {
        while (seconds.Count < length)
        {
            Record(distance <= 20 ? TruthLabel.Arrived : TruthLabel.Holding, 0);
        }

        return [.. seconds.Take(length)];
    }

    private void Record(TruthLabel label, double speed)
    {
        var position = new LocalPoint(distance * Math.Sin(bearingRad), distance * Math.Cos(bearingRad));
        seconds.Add(new TruthSecond(position, altitude, label, speed, building?.Contains(position) ?? false));
    }
}

/// <summary>A rectangular building around the threat at the origin: its walls' distances east, west, north and south of it.</summary>
public sealed record EvaluationBuilding(double EastM, double WestM, double NorthM, double SouthM, int Floors)
{
    public bool Contains(LocalPoint p) => p.East < EastM && p.East > -WestM && p.North < NorthM && p.North > -SouthM;

    /// <summary>Distance from the threat to the wall along a bearing (radians clockwise from north).</summary>
    public double WallAlong(double bearingRad)
    {
        var (east, north) = (Math.Sin(bearingRad), Math.Cos(bearingRad));
        var toEast = east > 1e-9 ? EastM / east : east < -1e-9 ? WestM / -east : double.PositiveInfinity;
        var toNorth = north > 1e-9 ? NorthM / north : north < -1e-9 ? SouthM / -north : double.PositiveInfinity;
        return Math.Min(toEast, toNorth);
    }

    /// <summary>The corners, counter-clockwise from south-west.</summary>
    public ImmutableArray<LocalPoint> Corners =>
        [new(-WestM, -SouthM), new(EastM, -SouthM), new(EastM, NorthM), new(-WestM, NorthM)];
}
