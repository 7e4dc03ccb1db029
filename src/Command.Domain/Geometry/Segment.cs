namespace Command.Domain.Geometry;

/// <summary>Distances to line segments in the local plane.</summary>
public static class Segment
{
    public static double Distance(LocalPoint p, LocalPoint a, LocalPoint b) => p.DistanceTo(ClosestPoint(p, a, b));

    public static LocalPoint ClosestPoint(LocalPoint p, LocalPoint a, LocalPoint b)
    {
        var ab = b - a;
        var lengthSquared = (ab.East * ab.East) + (ab.North * ab.North);
        if (lengthSquared == 0)
        {
            return a;
        }

        var ap = p - a;
        var t = Math.Clamp(((ap.East * ab.East) + (ap.North * ab.North)) / lengthSquared, 0, 1);
        return a + (ab * t);
    }
}
