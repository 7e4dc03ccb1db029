using Command.Domain.Geometry;

namespace Command.Domain.Sites;

/// <summary>
/// Whether a position lies on a site: within <see cref="OnSiteM"/> of its origin or of any of its buildings and zones.
/// A device enrolled nowhere that reports or drops a marker there belongs to that site's drill, wherever its radio's
/// listener sends what it does not know.
/// </summary>
public static class SitePlace
{
    /// <summary>How near a site's origin, buildings or zones a position lies on it: 300 m, a campus and its car parks.</summary>
    public const double OnSiteM = 300;

    /// <summary>How far <paramref name="point"/> lies from <paramref name="site"/>: 0 inside a building or zone, else the nearest of its origin, buildings and zones.</summary>
    public static double DistanceM(Site site, GeoPoint point)
    {
        var nearest = GreatCircle.DistanceM(site.Origin, point);
        if (nearest > OnSiteM * 100)
        {
            // Far beyond any campus: not worth measuring its outlines in the site's local metres.
            return nearest;
        }

        var frame = new LocalFrame(site.Origin);
        var at = frame.ToLocal(point);
        foreach (var outline in site.Buildings.Select(b => b.Footprint).Concat(site.Zones.Select(z => z.Polygon)))
        {
            if (outline.Length < 3)
            {
                continue;
            }

            var polygon = Polygon.FromGeo(frame, outline);
            nearest = Math.Min(nearest, polygon.Contains(at) ? 0 : polygon.DistanceToBoundary(at));
        }

        return nearest;
    }

    /// <summary>True where <paramref name="point"/> lies on <paramref name="site"/> (see <see cref="OnSiteM"/>).</summary>
    public static bool IsOn(Site site, GeoPoint point) => point.IsValid && DistanceM(site, point) <= OnSiteM;
}
