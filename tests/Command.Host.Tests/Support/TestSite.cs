using Command.Domain.Geometry;

namespace Command.Host.Tests.Support;

/// <summary>A small campus for host tests: a school 100 m north of the origin with a hot zone over it.</summary>
public static class TestSite
{
    public static readonly GeoPoint Origin = new(44.0, -100.0);
    public static readonly LocalFrame Frame = new(Origin);

    public static object CreateIncident(string id, bool autoEnrol = true, object? walks = null, string? timeZone = null, string hotZone = "Main building") => new
    {
        id,
        name = $"Drill {id}",
        autoEnrol,
        site = new
        {
            name = "Test campus",
            origin = new { lat = Origin.Latitude, lon = Origin.Longitude },
            buildings = new[] { new { id = "main", name = "Main building", floors = 2, footprint = Square(100, 20) } },
            zones = new[] { new { id = "hot", name = hotZone, kind = "hot", polygon = Square(100, 30) } },
            walks,
            timeZone,
        },
    };

    /// <summary>
    /// The campus with a casualty collection point 60 m west of the origin, beside the school's hot zone, and a command
    /// post at the site's western edge, whose long name, centred on it, reaches past the edge.
    /// </summary>
    public static object CreateZonedIncident(string id) => new
    {
        id,
        name = $"Drill {id}",
        autoEnrol = true,
        site = new
        {
            name = "Test campus",
            origin = new { lat = Origin.Latitude, lon = Origin.Longitude },
            buildings = new[] { new { id = "main", name = "Main building", floors = 2, footprint = Square(100, 20) } },
            zones = new[]
            {
                new { id = "hot", name = "Hot zone", kind = "hot", polygon = Square(100, 30) },
                new { id = "ccp", name = "Casualty collection — south lawn", kind = "casualtyCollection", polygon = Around(-60, 0, 8) },
                new { id = "cold", name = "Command post — road gate by the north car park", kind = "cold", polygon = Around(-140, -20, 8) },
            },
        },
    };

    /// <summary>
    /// The campus with a walk graph: from the yard south-east of the school, through its east door, to the middle of
    /// it, where the threat is. A unit in the yard is 64 m from the middle in a straight line and 86 m by the path.
    /// </summary>
    public static object CreateIncidentWithWalks(string id) => CreateIncident(id, walks: new
    {
        nodes = new[] { Node("yard", 40, 50, "outdoor"), Node("east-door", 20, 110, "door"), Node("middle", 0, 100, "corridor") },
        edges = new[] { new { from = "yard", to = "east-door" }, new { from = "east-door", to = "middle" } },
    });

    private static object Node(string id, double east, double north, string kind)
    {
        var p = Frame.ToGeo(new LocalPoint(east, north));
        return new { id, lat = p.Latitude, lon = p.Longitude, floor = (int?)null, kind };
    }

    /// <summary>A square <paramref name="half"/> m each way around a point <paramref name="east"/> m east and <paramref name="north"/> m north of the origin.</summary>
    public static object[] Around(double east, double north, double half) =>
    [
        At(east - half, north - half), At(east + half, north - half), At(east + half, north + half), At(east - half, north + half),
    ];

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
