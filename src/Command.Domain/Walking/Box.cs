using Command.Domain.Geometry;

namespace Command.Domain.Walking;

/// <summary>The east-west and north-south extent of a building's footprint: a cheap first test before its walls.</summary>
internal readonly record struct Box(double West, double South, double East, double North)
{
    public static Box Around(Polygon wall) => new(
        wall.Vertices.Min(v => v.East), wall.Vertices.Min(v => v.North), wall.Vertices.Max(v => v.East), wall.Vertices.Max(v => v.North));

    /// <summary>How far the point is outside the box; zero within it.</summary>
    public double DistanceTo(LocalPoint p)
    {
        var east = Math.Max(0, Math.Max(West - p.East, p.East - East));
        var north = Math.Max(0, Math.Max(South - p.North, p.North - North));
        return Math.Sqrt((east * east) + (north * north));
    }

    /// <summary>True when the point is within the box, or within <paramref name="reach"/> of it.</summary>
    public bool Holds(LocalPoint p, double reach = 0) =>
        p.East >= West - reach && p.East <= East + reach && p.North >= South - reach && p.North <= North + reach;

    /// <summary>True when the box meets the box spanned by a line from a to b: only then can the line cross its walls.</summary>
    public bool Meets(LocalPoint a, LocalPoint b) =>
        Math.Min(a.East, b.East) <= East && Math.Max(a.East, b.East) >= West && Math.Min(a.North, b.North) <= North && Math.Max(a.North, b.North) >= South;
}
