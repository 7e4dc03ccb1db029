namespace Command.Grains.Access;

/// <summary>
/// What a person or a machine may be trusted with, after how exercises are run (HSEEP's players, controllers and
/// evaluators). A person may hold several roles; a machine's token holds the roles it was issued with.
/// </summary>
[GenerateSerializer]
public enum AccessRole
{
    /// <summary>Manages people, roles, device credentials and tokens; may do everything the others may.</summary>
    Admin,

    /// <summary>Opens incidents, places and moves threats, changes phases, enrols and reassigns units, acknowledges flags; watches live.</summary>
    Commander,

    /// <summary>Starts, pauses and stops drills and scenarios; reads evaluator notes; watches live and replays.</summary>
    Controller,

    /// <summary>Watches live and replays, opens replays, exports after-action reports, writes and reads evaluator notes.</summary>
    Evaluator,

    /// <summary>Watches live incidents only.</summary>
    Observer,

    /// <summary>Reports positions for the units it is bound to, and nothing else (machines only).</summary>
    Device,
}
