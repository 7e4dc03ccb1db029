namespace Command.Domain.Units;

/// <summary>What a unit has been assigned to do; decides whether it is expected to close on the threat.</summary>
[GenerateSerializer]
public enum UnitRole
{
    /// <summary>No assignment yet; judged like a contact unit by default.</summary>
    Unassigned,

    /// <summary>Moves to the threat and stops it.</summary>
    Contact,

    /// <summary>Holds a perimeter position by design.</summary>
    Perimeter,

    /// <summary>Waits at staging by design.</summary>
    Staging,

    /// <summary>EMS: treats casualties, normally outside the hot zone.</summary>
    Medical,

    /// <summary>A rescue task force: treats and extracts casualties in the warm zone.</summary>
    RescueTaskForce,

    /// <summary>Incident command.</summary>
    Command,
}
