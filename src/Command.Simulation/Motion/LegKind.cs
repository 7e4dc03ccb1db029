namespace Command.Simulation.Motion;

/// <summary>The kinds of step a unit's script is made of.</summary>
public enum LegKind
{
    /// <summary>Straight to a waypoint at a speed.</summary>
    Move,

    /// <summary>Stay put for a duration.</summary>
    Hold,

    /// <summary>Straight away from the threat by a distance at a speed.</summary>
    Retreat,

    /// <summary>Along several waypoints at a speed.</summary>
    Path,

    /// <summary>Standing still after the last leg, until the script ends.</summary>
    Rest,
}
