namespace Command.Domain.Assessment;

/// <summary>The doctrine the assessment encodes, as options with their defaults.</summary>
public sealed record AssessmentOptions
{
    /// <summary>Shortest window the closing rate is measured over. Default 30 s (or 3 fixes, whichever is longer).</summary>
    public TimeSpan RateWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fewest fixes the closing rate is measured over. Default 3.</summary>
    public int RateWindowFixes { get; init; } = 3;

    /// <summary>Closing rate above which a unit counts as closing (and below its negative, opening). Default 0.3 m/s.</summary>
    public double MovingRateMps { get; init; } = 0.3;

    /// <summary>Within this distance of the threat (plus the threat's uncertainty) a unit has arrived. Default 15 m.</summary>
    public double ContactRadiusM { get; init; } = 15;

    /// <summary>A unit with no fix for this long is stale. Default 30 s.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Speed assumed for a unit's ETA when it is not moving (backup's ETA). Default 2 m/s, a fast walk.</summary>
    public double AssumedApproachSpeedMps { get; init; } = 2;

    public static AssessmentOptions Default { get; } = new();
}
