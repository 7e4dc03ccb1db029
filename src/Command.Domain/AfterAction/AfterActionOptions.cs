namespace Command.Domain.AfterAction;

/// <summary>How the after-action metrics are measured, with their defaults.</summary>
public sealed record AfterActionOptions
{
    /// <summary>
    /// A fix counts as on site inside any building or zone, or within this distance of the site origin. Default 150 m.
    /// </summary>
    public double OnSiteRadiusM { get; init; } = 150;

    /// <summary>A unit reached contact within this distance of the threat, plus the threat's uncertainty. Default 15 m, as the assessment.</summary>
    public double ContactRadiusM { get; init; } = 15;

    /// <summary>
    /// A unit that reached contact has left it only where it stands this far beyond the contact radius. Default 5 m, as
    /// the assessment's arrival hysteresis.
    /// </summary>
    public double ContactHysteresisM { get; init; } = 5;

    /// <summary>
    /// A unit has left contact, or the threat's building, once it has stood out of it this long, timed from when it
    /// first stood out. Default 30 s, the window over which the assessment finds a fall back from contact plain.
    /// </summary>
    public TimeSpan LeftAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Distance to the threat is kept at most once per this interval per unit. Default 1 s.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(1);

    public static AfterActionOptions Default { get; } = new();
}
