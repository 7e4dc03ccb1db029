using System.Collections.Immutable;
using Command.Domain.Geometry;

namespace Command.Simulation.Motion;

/// <summary>Where a unit is at every drill time from its arrival on: contiguous segments, then rest at the last point.</summary>
/// <param name="Segments">In time order, each starting where and when the previous ended.</param>
public sealed record Trajectory(ImmutableArray<MotionSegment> Segments)
{
    /// <summary>Where the unit is, how fast and which way it moves at <paramref name="atS"/>.</summary>
    public MotionSample SampleAt(double atS)
    {
        var segment = SegmentAt(atS);
        return new MotionSample(segment.PositionAt(atS), segment.SpeedMps, segment.CourseDeg);
    }

    /// <summary>The segment that holds <paramref name="atS"/>: the first before the start, the last after the end.</summary>
    public MotionSegment SegmentAt(double atS)
    {
        // Scripts have a handful of legs: a linear scan is cheaper than anything cleverer.
        foreach (var segment in Segments)
        {
            if (atS < segment.EndS)
            {
                return segment;
            }
        }

        return Segments[^1];
    }
}

/// <summary>A unit's scripted state at one instant.</summary>
public readonly record struct MotionSample(LocalPoint Position, double SpeedMps, double? CourseDeg);
