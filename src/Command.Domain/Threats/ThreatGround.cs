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

        return SiteReach.Beyond(site, threat.Position, MostFromSiteM, $"threat {threat.ThreatId}", "a threat is placed");
    }
}
