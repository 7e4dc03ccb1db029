namespace Command.Domain.Geometry;

/// <summary>
/// A local east-north tangent plane at a site origin. Uses the WGS84 ellipsoid's radii of curvature at the
/// origin, which keeps the error well under a centimetre per 100 m over a campus-sized site (a few km).
/// </summary>
public sealed class LocalFrame
{
    private const double SemiMajorAxis = 6378137.0;
    private const double Flattening = 1 / 298.257223563;
    private static readonly double EccentricitySquared = Flattening * (2 - Flattening);

    private readonly double metresPerRadianNorth;
    private readonly double metresPerRadianEast;

    public LocalFrame(GeoPoint origin)
    {
        if (!origin.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(origin), origin, "The origin must be a valid WGS84 position.");
        }

        Origin = origin;
        var phi = DegreesToRadians(origin.Latitude);
        var sin = Math.Sin(phi);
        var w = Math.Sqrt(1 - (EccentricitySquared * sin * sin));
        var meridional = SemiMajorAxis * (1 - EccentricitySquared) / (w * w * w);
        var primeVertical = SemiMajorAxis / w;
        metresPerRadianNorth = meridional;
        metresPerRadianEast = primeVertical * Math.Cos(phi);
    }

    public GeoPoint Origin { get; }

    public LocalPoint ToLocal(GeoPoint point) => new(
        DegreesToRadians(NormalizeLongitudeDelta(point.Longitude - Origin.Longitude)) * metresPerRadianEast,
        DegreesToRadians(point.Latitude - Origin.Latitude) * metresPerRadianNorth);

    public GeoPoint ToGeo(LocalPoint point) => new(
        Origin.Latitude + RadiansToDegrees(point.North / metresPerRadianNorth),
        NormalizeLongitude(Origin.Longitude + RadiansToDegrees(point.East / metresPerRadianEast)));

    /// <summary>Straight-line distance in metres between two WGS84 positions, measured in this frame.</summary>
    public double Distance(GeoPoint a, GeoPoint b) => ToLocal(a).DistanceTo(ToLocal(b));

    private static double DegreesToRadians(double degrees) => degrees * Math.PI / 180;

    private static double RadiansToDegrees(double radians) => radians * 180 / Math.PI;

    private static double NormalizeLongitudeDelta(double delta) =>
        delta > 180 ? delta - 360 : delta < -180 ? delta + 360 : delta;

    private static double NormalizeLongitude(double longitude) =>
        longitude > 180 ? longitude - 360 : longitude < -180 ? longitude + 360 : longitude;
}
