namespace Command.Domain.Assessment;

/// <summary>What a unit's fixes say against one threat, as of its latest fix.</summary>
/// <param name="Target">The threat measured against.</param>
/// <param name="StraightM">Straight-line distance from the latest fix, metres.</param>
/// <param name="PathM">Walking distance from the latest fix, where the site has a walk graph.</param>
/// <param name="DistanceM">Smoothed distance closing is measured on (path where known), metres.</param>
/// <param name="LowM">The lower of the smoothed distances at the latest fix and the one before.</param>
/// <param name="HighM">The higher of the two.</param>
/// <param name="FittedM">The window line's distance at the latest fix: unbiased while moving steadily, for the ETA.</param>
/// <param name="RateMps">Closing rate over the rate window; positive when closing.</param>
/// <param name="Confirmed">The fixes since the unit's last progress rule out closing at walking pace.</param>
/// <param name="Opening">... and show it moving away.</param>
/// <param name="HoldS">Seconds from the last progress to the latest fix, when confirmed.</param>
/// <param name="Climbing">Altitude is changing at stair pace.</param>
/// <param name="NearStairs">The latest fix is by a stair node of the walk graph.</param>
/// <param name="Floor">Floor estimated from altitude, where the unit reports one.</param>
internal sealed record Measurement(
    ThreatTarget Target,
    double StraightM,
    double? PathM,
    double DistanceM,
    double LowM,
    double HighM,
    double FittedM,
    double? RateMps,
    bool Confirmed,
    bool Opening,
    double HoldS,
    bool Climbing,
    bool NearStairs,
    int? Floor);
