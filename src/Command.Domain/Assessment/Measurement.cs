namespace Command.Domain.Assessment;

/// <summary>What a unit's fixes say against one threat, as of its latest fix.</summary>
/// <param name="Target">The threat measured against.</param>
/// <param name="StraightM">Straight-line distance from the latest fix, metres.</param>
/// <param name="PathM">Walking distance from the latest fix, where the site has a walk graph.</param>
/// <param name="DistanceM">Smoothed distance closing is measured on (path where known), metres.</param>
/// <param name="FittedM">The window line's distance at the latest fix: unbiased while moving steadily, for the ETA.</param>
/// <param name="RateMps">Closing rate over the rate window; positive when closing.</param>
/// <param name="Confirmed">The fixes since the unit's last progress rule out closing at walking pace.</param>
/// <param name="Opening">... and show it moving away.</param>
/// <param name="HoldS">Seconds from the start of the hold to the latest fix, when confirmed.</param>
/// <param name="Climbing">Altitude is changing at stair pace.</param>
/// <param name="NearStairs">The latest fix is by a stair node of the walk graph.</param>
/// <param name="Floor">The unit's floor where it is really known (stated, or from an altitude with its datum and accuracy).</param>
/// <param name="Arrival">Whether the unit is where the threat is, and where that is in words.</param>
/// <param name="Progressing">In a hold, the unit is now making real progress toward the threat: the hold is over.</param>
/// <param name="ProgressM">In a hold, how much nearer the unit is than where it held, metres.</param>
/// <param name="NoiseM">The unit's own noise, one axis of one fix, metres: the larger of what it states and what its fixes show.</param>
/// <param name="InReach">Standing still and not in a hold, because its fixes cannot tell it from a unit in contact: why, in words.</param>
/// <param name="SaidProgress">The progress rests on the unit's receiver saying it heads for the threat; the rate is what it says.</param>
/// <param name="SaidAway">The unit's receiver has said for 10 s that it heads away from the threat: it is moving away.</param>
/// <param name="WalkedIn">The progress is how far the unit's reports add up to toward the threat, not how much nearer its fixes put it.</param>
internal sealed record Measurement(
    ThreatTarget Target,
    double StraightM,
    double? PathM,
    double DistanceM,
    double FittedM,
    double? RateMps,
    bool Confirmed,
    bool Opening,
    double HoldS,
    bool Climbing,
    bool NearStairs,
    int? Floor,
    ArrivalCheck Arrival,
    bool Progressing,
    double? ProgressM,
    double NoiseM,
    string? InReach = null,
    bool SaidProgress = false,
    bool SaidAway = false,
    bool WalkedIn = false)
{
    /// <summary>
    /// The distance the board shows for the unit: from its latest fix, by path where the site has a walk graph. A flag's
    /// words say this one, not <see cref="DistanceM"/>: the median of a sparse device's last three fixes lags a walk by a
    /// fix, and "holding at 163 m" beside 110 m on the board is a figure a trainer cannot check.
    /// </summary>
    public double ShownM => PathM ?? StraightM;
}

/// <summary>The arrival test's answer as of the latest fix.</summary>
/// <param name="Reached">A unit not yet arrived has: within the contact radius, in the threat's building, on its floor where both are known.</param>
/// <param name="Kept">An arrived unit still is, allowing the margins for its own noise.</param>
/// <param name="Where">Where the unit is, in words: "inside B12, 12 m from the threat".</param>
/// <param name="Left">Not kept, and plainly gone: on another known floor, or out of the threat's building or beyond the radius and hysteresis by 2.5 times its settled position's own error, however noisy.</param>
/// <param name="SettledM">How far from the threat (straight) the unit settles: the middle of its last 30 s of fixes, on which its leaving contact rests.</param>
/// <param name="WalkedOff">An arrived unit whose own receiver says it walked off: when it began to and the walk.</param>
/// <param name="WalkedBack">A unit that walked off by its receiver's word has reached contact again by it.</param>
/// <param name="Apart">What keeps the unit from the threat however near its reports put it.</param>
internal sealed record ArrivalCheck(bool Reached, bool Kept, string Where, bool Left = false, double SettledM = double.NaN, (DateTimeOffset From, Geometry.LocalPoint Walk)? WalkedOff = null, bool WalkedBack = false,
    KeptApart Apart = KeptApart.Nothing);
