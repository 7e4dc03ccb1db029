using System.Collections.Immutable;

namespace Command.Domain.Geometry;

/// <summary>A simple polygon in a site's local plane (no holes); the ring closes itself.</summary>
public sealed class Polygon
{
    private readonly LocalPoint[] ring;

    public Polygon(IEnumerable<LocalPoint> vertices)
    {
        ring = vertices.ToArray();
        if (ring.Length < 3)
        {
            throw new ArgumentException("A polygon needs at least three vertices.", nameof(vertices));
        }
    }

    public static Polygon FromGeo(LocalFrame frame, ImmutableArray<GeoPoint> vertices) =>
        new(vertices.Select(frame.ToLocal));

    public IReadOnlyList<LocalPoint> Vertices => ring;

    /// <summary>Even-odd ray casting; a point exactly on an edge may fall either side.</summary>
    public bool Contains(LocalPoint p)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var a = ring[i];
            var b = ring[j];
            if ((a.North > p.North) != (b.North > p.North) &&
                p.East < ((b.East - a.East) * (p.North - a.North) / (b.North - a.North)) + a.East)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>Shortest distance from a point to the polygon's boundary, in metres.</summary>
    public double DistanceToBoundary(LocalPoint p) => p.DistanceTo(ClosestOnBoundary(p));

    /// <summary>The point of the polygon's boundary nearest to a point.</summary>
    public LocalPoint ClosestOnBoundary(LocalPoint p)
    {
        var (best, nearest) = (double.MaxValue, ring[0]);
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var on = Segment.ClosestPoint(p, ring[j], ring[i]);
            var d = p.DistanceSquaredTo(on);
            if (d < best)
            {
                (best, nearest) = (d, on);
            }
        }

        return nearest;
    }
}
