namespace Command.Simulation.Engine;

/// <summary>Where a drill is in its life.</summary>
public enum DrillState
{
    /// <summary>Constructed, not started.</summary>
    Ready,

    /// <summary>The drill clock runs and units report.</summary>
    Running,

    /// <summary>The drill clock is frozen: no reports, no threat or role changes.</summary>
    Paused,

    /// <summary>Stopped by a caller; cannot be restarted.</summary>
    Stopped,

    /// <summary>A drill without looping reached the end of its script.</summary>
    Completed,

    /// <summary>The sink failed; <see cref="DrillEngine.Completion"/> carries the exception.</summary>
    Faulted,
}

/// <summary>A drill at one instant, as a dashboard shows it.</summary>
/// <param name="Scenario">The name the drill was started by (a scenario file's, "demo"); its title where it was given none.</param>
/// <param name="State">Running, paused, stopped and so on.</param>
/// <param name="DrillTime">Time into the script (restarts from zero on each loop).</param>
/// <param name="Duration">Length of the script.</param>
/// <param name="Speed">Drill seconds per wall second.</param>
/// <param name="Loop">Whether the script restarts at its end.</param>
/// <param name="Iteration">How many times the script restarted, from 0.</param>
/// <param name="Title">The scenario's title ("School B drill"), which several files may share.</param>
public sealed record DrillStatus(string Scenario, DrillState State, TimeSpan DrillTime, TimeSpan Duration, double Speed, bool Loop, int Iteration, string? Title = null);
