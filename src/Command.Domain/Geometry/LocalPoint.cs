namespace Command.Domain.Geometry;

/// <summary>A point in a site's local tangent plane: metres east and north of the site origin.</summary>
[GenerateSerializer, Immutable]
public readonly record struct LocalPoint(double East, double North)
{
    public double DistanceTo(LocalPoint other) => Math.Sqrt(DistanceSquaredTo(other));

    public double DistanceSquaredTo(LocalPoint other)
    {
        var de = East - other.East;
        var dn = North - other.North;
        return (de * de) + (dn * dn);
    }

    public static LocalPoint operator -(LocalPoint a, LocalPoint b) => new(a.East - b.East, a.North - b.North);

    public static LocalPoint operator +(LocalPoint a, LocalPoint b) => new(a.East + b.East, a.North + b.North);

    public static LocalPoint operator *(LocalPoint a, double k) => new(a.East * k, a.North * k);

    public double Length => Math.Sqrt((East * East) + (North * North));

    /// <summary>The middle of three points, east and north apart: one of them thrown off does not move it.</summary>
    public static LocalPoint Middle(LocalPoint a, LocalPoint b, LocalPoint c) =>
        new(Middle(a.East, b.East, c.East), Middle(a.North, b.North, c.North));

    private static double Middle(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
