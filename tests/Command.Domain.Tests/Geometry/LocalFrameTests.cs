using Command.Domain.Geometry;

namespace Command.Domain.Tests.Geometry;

public sealed class LocalFrameTests
{
    private static readonly GeoPoint Origin = new(39.7392, -104.9903);

    [Fact]
    public void Origin_maps_to_zero()
    {
        var frame = new LocalFrame(Origin);
        Assert.Equal(new LocalPoint(0, 0), frame.ToLocal(Origin));
    }

    [Fact]
    public void One_thousandth_degree_north_is_111_metres_at_mid_latitude()
    {
        // Meridional arc of 0.001° at 39.74°N on WGS84 is 111.0 m (to 0.1 m).
        var frame = new LocalFrame(Origin);
        var p = frame.ToLocal(new GeoPoint(Origin.Latitude + 0.001, Origin.Longitude));
        Assert.Equal(0, p.East, 6);
        Assert.Equal(111.0, p.North, 1);
    }

    [Fact]
    public void One_thousandth_degree_east_shrinks_with_cosine_of_latitude()
    {
        // Parallel arc of 0.001° at 39.7392°N on WGS84: N·cos φ·Δλ = 85.72 m.
        var frame = new LocalFrame(Origin);
        var p = frame.ToLocal(new GeoPoint(Origin.Latitude, Origin.Longitude + 0.001));
        Assert.Equal(85.72, p.East, 2);
        Assert.Equal(0, p.North, 6);
    }

    [Theory]
    [InlineData(120.5, -340.25)]
    [InlineData(-1500, 2000)]
    [InlineData(0.01, 0.01)]
    public void Local_to_geo_and_back_round_trips_to_the_millimetre(double east, double north)
    {
        var frame = new LocalFrame(Origin);
        var back = frame.ToLocal(frame.ToGeo(new LocalPoint(east, north)));
        Assert.Equal(east, back.East, 3);
        Assert.Equal(north, back.North, 3);
    }

    [Fact]
    public void Frame_across_the_antimeridian_measures_the_short_way()
    {
        var frame = new LocalFrame(new GeoPoint(0, 179.9995));
        var p = frame.ToLocal(new GeoPoint(0, -179.9995));
        Assert.Equal(111.3, p.East, 1);
    }

    [Fact]
    public void Invalid_origin_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LocalFrame(new GeoPoint(91, 0)));
    }
}
