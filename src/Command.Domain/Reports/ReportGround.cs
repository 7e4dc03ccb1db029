using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Validation;

namespace Command.Domain.Reports;

/// <summary>
/// Where an incident takes a unit's fix: within <see cref="MostFromSiteM"/> of its site's origin, as a county-wide
/// response reaches. A fix with its latitude's sign slipped (40° S for 40° N), or a device that never had a fix and
/// sends 0,0 by another name, was taken, enrolled its unit, and zoomed the commander's map out to a continent with the
/// site in a corner of it.
/// </summary>
public static class ReportGround
{
    /// <summary>How far from the site's origin a unit's fix is taken: 100 km.</summary>
    public const double MostFromSiteM = 100_000;

    /// <summary>Null when <paramref name="report"/>'s fix lies within reach of <paramref name="site"/>; else why it is refused.</summary>
    public static Rejection? Check(Site site, PositionReport report) => Check(site, report.Position, "fix");

    /// <summary>
    /// Null when a unit at <paramref name="position"/> would have its fixes taken on <paramref name="site"/>; else why
    /// not, naming it as <paramref name="what"/> ("fix", or a scenario's point a unit is scripted to stand on).
    /// </summary>
    public static Rejection? Check(Site site, GeoPoint position, string what) =>
        SiteReach.Beyond(site, position, MostFromSiteM, what, "a unit's fix is taken");
}
