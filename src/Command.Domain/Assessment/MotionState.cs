namespace Command.Domain.Assessment;

/// <summary>What a unit is doing relative to the threat.</summary>
[GenerateSerializer]
public enum MotionState
{
    /// <summary>Not enough fixes, or no threat to judge against.</summary>
    Unknown,

    /// <summary>Distance to the threat is shrinking.</summary>
    Closing,

    /// <summary>Distance to the threat is not changing.</summary>
    Holding,

    /// <summary>Distance to the threat is growing.</summary>
    Opening,

    /// <summary>Within the contact radius of the threat.</summary>
    Arrived,

    /// <summary>No fix for longer than the unit's cadence allows.</summary>
    Stale,
}
