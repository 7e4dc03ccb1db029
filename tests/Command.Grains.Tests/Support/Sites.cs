using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Grains.Incidents;

namespace Command.Grains.Tests.Support;

/// <summary>A small site: a 40 m square school building 100 m north of the origin, with a hot zone over it.</summary>
public static class Sites
{
    public static readonly GeoPoint Origin = new(44.0, -100.0);
    public static readonly LocalFrame Frame = new(Origin);

    public static Site School() => new(
        "Test school",
        Origin,
        [new Building("main", "Main building", Square(100, 20), 2)],
        [new Zone("hot", "Hot zone", ZoneKind.Hot, Square(100, 30)), new Zone("staging", "Staging", ZoneKind.Staging, Square(-100, 15))]);

    public static OpenIncident Open(bool autoEnrol = true) => new("Test drill", School(), autoEnrol, "trainer");

    public static PositionReport Report(string unitId, DateTimeOffset fixTime, double east, double north, ReportSource source = ReportSource.Json) =>
        new(unitId, source, fixTime, Frame.ToGeo(new LocalPoint(east, north)), AccuracyM: 5);

    private static System.Collections.Immutable.ImmutableArray<GeoPoint> Square(double north, double half) =>
        [Frame.ToGeo(new(-half, north - half)), Frame.ToGeo(new(half, north - half)), Frame.ToGeo(new(half, north + half)), Frame.ToGeo(new(-half, north + half))];
}
