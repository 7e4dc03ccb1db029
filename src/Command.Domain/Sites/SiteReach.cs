using Command.Domain.Geometry;
using Command.Domain.Validation;

namespace Command.Domain.Sites;

/// <summary>How far from a site's origin a point lies, and the refusal of one beyond what the incident takes there.</summary>
public static class SiteReach
{
    /// <summary>
    /// Null when <paramref name="point"/> lies within <paramref name="mostM"/> of <paramref name="site"/>'s origin; else
    /// <c>invalid-coordinates</c>: "{what} at 44,-100 is 8,900 km from site Campus: {rule} within 100 km of it".
    /// </summary>
    public static Rejection? Beyond(Site site, GeoPoint point, double mostM, string what, string rule)
    {
        var distance = GreatCircle.DistanceM(site.Origin, point);
        return distance <= mostM ? null : new Rejection(RejectReason.InvalidCoordinates, FormattableString.Invariant(
            $"{what} at {point.Latitude:0.#####},{point.Longitude:0.#####} is {GreatCircle.Kilometres(distance)} from site {site.Name}: {rule} within {mostM / 1000:0} km of it"));
    }
}
