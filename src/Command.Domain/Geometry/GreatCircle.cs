namespace Command.Domain.Geometry;

/// <summary>Distances over the earth's surface, for places too far apart for a site's flat frame.</summary>
public static class GreatCircle
{
    private const double EarthRadiusM = 6_371_008.8;

    /// <summary>Metres between two points along the surface (haversine): exact enough at any distance, and right across the antimeridian.</summary>
    public static double DistanceM(GeoPoint a, GeoPoint b)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(b.Latitude - a.Latitude);
        var dLon = Radians(b.Longitude - a.Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(a.Latitude)) * Math.Cos(Radians(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusM * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>A distance as a commander reads one far off: "1.2 km", "578 km".</summary>
    public static string Kilometres(double metres) =>
        metres < 100_000 ? FormattableString.Invariant($"{metres / 1000:0.#} km") : FormattableString.Invariant($"{metres / 1000:0} km");
}
