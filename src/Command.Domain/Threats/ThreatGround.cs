using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Validation;

namespace Command.Domain.Threats;

/// <summary>
/// A threat is placed on its incident's ground: within <see cref="MostFromSiteM"/> of the site's origin. A shooter may
/// flee off a campus, but a marker hundreds of kilometres away was dropped in another drill or on a map scrolled
/// elsewhere, and judged against it every unit reads as holding far out and is alerted at once.
/// </summary>
public static class ThreatGround
{
    /// <summary>How far from the site's origin a threat may be placed: 10 km.</summary>
    public const double MostFromSiteM = 10_000;

    private const double EarthRadiusM = 6_371_008.8;

    /// <summary>
    /// Null when <paramref name="threat"/> lies on <paramref name="site"/>'s ground (or is no position at all, which the
    /// input limits refuse by name); else why it is refused.
    /// </summary>
    public static Rejection? Check(Site site, Threat threat)
    {
        if (!threat.Position.IsValid)
        {
            return null;
        }

        var distance = GreatCircleM(site.Origin, threat.Position);
        return distance <= MostFromSiteM ? null : new Rejection(RejectReason.InvalidCoordinates, FormattableString.Invariant(
            $"threat {threat.ThreatId} at {threat.Position.Latitude:0.#####},{threat.Position.Longitude:0.#####} is {Kilometres(distance)} from site {site.Name}: a threat is placed within {MostFromSiteM / 1000:0} km of it"));
    }

    private static string Kilometres(double metres) =>
        metres < 100_000 ? FormattableString.Invariant($"{metres / 1000:0.#} km") : FormattableString.Invariant($"{metres / 1000:0} km");

    // Haversine: exact enough at any distance, and right across the antimeridian, where a flat frame is not.
    private static double GreatCircleM(GeoPoint a, GeoPoint b)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(b.Latitude - a.Latitude);
        var dLon = Radians(b.Longitude - a.Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(a.Latitude)) * Math.Cos(Radians(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusM * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
