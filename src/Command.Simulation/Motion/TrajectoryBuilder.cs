using System.Collections.Immutable;
using Command.Domain.Geometry;

namespace Command.Simulation.Motion;

/// <summary>Lays a unit's legs end to end from its arrival, in local metres.</summary>
internal sealed class TrajectoryBuilder(LocalPoint start, double arriveS)
{
    private readonly ImmutableArray<MotionSegment>.Builder segments = ImmutableArray.CreateBuilder<MotionSegment>();

    public LocalPoint Position { get; private set; } = start;

    public double TimeS { get; private set; } = arriveS;

    public void Move(LocalPoint to, double speedMps, LegKind kind, int legIndex)
    {
        var seconds = Position.DistanceTo(to) / speedMps;
        if (seconds > 0)
        {
            Add(to, seconds, kind, legIndex);
        }
    }

    public void Hold(double seconds, int legIndex) => Add(Position, seconds, LegKind.Hold, legIndex);

    /// <summary>Straight away from the threat; from exactly on top of it, due south (out of the way of nothing in particular).</summary>
    public void Retreat(LocalPoint threat, double distanceM, double speedMps, int legIndex)
    {
        var away = Position - threat;
        var direction = away.Length > 0 ? away * (1 / away.Length) : new LocalPoint(0, -1);
        Move(Position + (direction * distanceM), speedMps, LegKind.Retreat, legIndex);
    }

    /// <summary>Ends the script: the unit stands at its last point for ever after.</summary>
    public Trajectory Build()
    {
        segments.Add(new MotionSegment(TimeS, double.PositiveInfinity, Position, Position, LegKind.Rest, -1));
        return new Trajectory(segments.ToImmutable());
    }

    private void Add(LocalPoint to, double seconds, LegKind kind, int legIndex)
    {
        segments.Add(new MotionSegment(TimeS, TimeS + seconds, Position, to, kind, legIndex));
        Position = to;
        TimeS += seconds;
    }
}
