namespace Command.Domain.Sites;

/// <summary>The rules' verdict on a draft: the site, or why there is none.</summary>
/// <param name="Site">The site built from the draft; null when there are findings or a point the reader could not read.</param>
/// <param name="Findings">Every problem found, in a fixed order (see <see cref="SiteRules"/>); empty when the site is valid.</param>
public sealed record SiteCheck(Site? Site, IReadOnlyList<SiteFinding> Findings);
