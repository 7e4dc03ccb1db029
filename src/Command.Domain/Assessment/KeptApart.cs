namespace Command.Domain.Assessment;

/// <summary>
/// What keeps a unit from the threat however near its reports put it: a flag says it after the distance, or "holding 2
/// min at 4 m from the threat" reads as an officer at the threat flagged for holding.
/// </summary>
internal enum KeptApart
{
    /// <summary>Nothing: near is near.</summary>
    Nothing,

    /// <summary>It is outside the threat's building: "outside B12".</summary>
    OutsideTheBuilding,

    /// <summary>
    /// Its receiver says it stands still where it waited outside the threat's building, though a burst of multipath or
    /// a bias carries its fixes in: "but its device says it stands still outside B12".
    /// </summary>
    SaysItStandsOutside,

    /// <summary>It is on another known floor: "on floor 1, the threat on floor 3".</summary>
    OnAnotherFloor,
}
