using Command.Domain.Geometry;

namespace Command.Host.Tests.Support;

/// <summary>A small campus for host tests: a school 100 m north of the origin with a hot zone over it.</summary>
public static class TestSite
{
    public static readonly GeoPoint Origin = new(44.0, -100.0);
    public static readonly LocalFrame Frame = new(Origin);

    public static object CreateIncident(string id, bool autoEnrol = true) => new
    {
        id,
        name = $"Drill {id}",
        autoEnrol,
        site = new
        {
            name = "Test campus",
            origin = new { lat = Origin.Latitude, lon = Origin.Longitude },
            buildings = new[] { new { id = "main", name = "Main building", floors = 2, footprint = Square(100, 20) } },
            zones = new[] { new { id = "hot", name = "Hot zone", kind = "hot", polygon = Square(100, 30) } },
        },
    };

    public static object[] Square(double north, double half) =>
    [
        At(-half, north - half), At(half, north - half), At(half, north + half), At(-half, north + half),
    ];

    public static object At(double east, double north)
    {
        var p = Frame.ToGeo(new LocalPoint(east, north));
        return new { lat = p.Latitude, lon = p.Longitude };
    }

    public static object Report(string unitId, DateTimeOffset fixTime, double east, double north, double accuracyM = 5.0)
    {
        var p = Frame.ToGeo(new LocalPoint(east, north));
        return new { unitId, fixTime, lat = p.Latitude, lon = p.Longitude, accuracyM };
    }
}
