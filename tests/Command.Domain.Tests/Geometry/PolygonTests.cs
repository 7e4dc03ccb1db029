using Command.Domain.Geometry;

namespace Command.Domain.Tests.Geometry;

public sealed class PolygonTests
{
    // An L-shaped building: 0..40 east, 0..20 north, with the 20..40 x 10..20 corner cut away.
    private static readonly Polygon LShape = new([
        new LocalPoint(0, 0), new LocalPoint(40, 0), new LocalPoint(40, 10),
        new LocalPoint(20, 10), new LocalPoint(20, 20), new LocalPoint(0, 20),
    ]);

    [Theory]
    [InlineData(5, 5, true)]
    [InlineData(35, 5, true)]
    [InlineData(10, 15, true)]
    [InlineData(30, 15, false)]
    [InlineData(-1, 5, false)]
    [InlineData(50, 5, false)]
    public void Point_in_polygon_follows_the_outline(double east, double north, bool inside)
    {
        Assert.Equal(inside, LShape.Contains(new LocalPoint(east, north)));
    }

    [Fact]
    public void Distance_to_boundary_is_to_the_nearest_edge()
    {
        Assert.Equal(5, LShape.DistanceToBoundary(new LocalPoint(30, 15)), 9);
        Assert.Equal(2, LShape.DistanceToBoundary(new LocalPoint(2, 5)), 9);
    }

    [Fact]
    public void Fewer_than_three_vertices_is_not_a_polygon()
    {
        Assert.Throws<ArgumentException>(() => new Polygon([new LocalPoint(0, 0), new LocalPoint(1, 1)]));
    }
}
