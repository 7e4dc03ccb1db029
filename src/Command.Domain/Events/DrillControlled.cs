namespace Command.Domain.Events;

/// <summary>
/// A simulated drill was started, paused, resumed or stopped; or it started over (<see cref="StartOver"/>), when every
/// unit's judgement starts over with it.
/// </summary>
/// <param name="Action">start, pause, resume, stop or start-over.</param>
/// <param name="Scenario">The scenario the drill plays.</param>
/// <param name="Actor">Who controlled it: a person, or "drill" for the drill itself.</param>
/// <param name="Round">For a start-over, the round that begins (2 for the first start-over); else null.</param>
[GenerateSerializer, Immutable]
public sealed record DrillControlled(string Action, string Scenario, string Actor, int? Round = null) : IncidentEvent
{
    /// <summary>
    /// The drill went back to its beginning (a looping drill's next round): units are back where the script starts
    /// them, so what they did in the last round (tracks, holds, flags, last positions) no longer describes them.
    /// </summary>
    public const string StartOver = "start-over";

    /// <summary>True for a start-over, which resets the incident's judgement of every unit.</summary>
    public bool StartsOver => Action == StartOver;
}
