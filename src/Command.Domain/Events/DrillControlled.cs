namespace Command.Domain.Events;

/// <summary>
/// A simulated drill was started, paused, resumed or stopped, was handed over by a stopping host and carried on by the next, or ended (completed, or
/// faulted); or it started over (<see cref="StartOver"/>), when every unit's judgement starts over with it; or a drill
/// played from outside said how fast it plays (<see cref="Clock"/>).
/// </summary>
/// <param name="Action">start, pause, resume, stop, hand-over, carry-on, completed, faulted, start-over or clock.</param>
/// <param name="Scenario">The scenario the drill plays.</param>
/// <param name="Actor">Who controlled it: a person, or "drill" for the drill itself.</param>
/// <param name="Round">For a start-over, the round that begins (2 for the first start-over); else null.</param>
/// <param name="Speed">
/// Drill seconds to each second of the incident's clock from here on, the rate units are judged at (see
/// <see cref="Incidents.DrillClock"/>): the drill's speed for a start, resume or carry-on, 0 for a pause or a hand-over, 1 for a stop
/// or an end, as said for a clock. Null where the control leaves the clock as it was (a start-over), and in sessions recorded before units
/// were judged on the drill's clock.
/// </param>
/// <param name="StoodSince">
/// For a carry-on after the drill's host went down without handing it over: when the drill last saved its clock, from
/// which the drill's clock stood still until this control (no host played it, so none of its units moved, and those
/// minutes are no one's hold). Null for every other control, and for a carry-on after a hand-over, which said it then.
/// The incident's judging clock stands still from here: <see cref="UnplayedSince"/>, or the incident's latest event
/// before the carry-on where that is later (what was judged stays judged).
/// </param>
/// <param name="UnplayedSince">
/// For that carry-on: when the drill last saved its clock, as the drill says, from which no host played it. The time the
/// drill's own clock lost, which its carry-on says ("not played for 0:11") and the after-action report takes off every
/// duration it measures on the drill's clock. Null where <see cref="StoodSince"/> is, and in sessions recorded before it
/// was kept (whose <see cref="StoodSince"/> is then the best word of it).
/// </param>
[GenerateSerializer, Immutable]
public sealed record DrillControlled(
    string Action, string Scenario, string Actor, int? Round = null, double? Speed = null, DateTimeOffset? StoodSince = null, DateTimeOffset? UnplayedSince = null) : IncidentEvent
{
    /// <summary>
    /// A drill played from outside the host says how fast it plays (<see cref="Speed"/>: 0 while paused, 1 once it ends),
    /// so its units are judged on its clock as the host's own drill's are.
    /// </summary>
    public const string Clock = "clock";

    /// <summary>
    /// The drill went back to its beginning (a looping drill's next round): units are back where the script starts
    /// them, so what they did in the last round (tracks, holds, flags, last positions) no longer describes them.
    /// </summary>
    public const string StartOver = "start-over";

    /// <summary>A stopping host put the running drill down for another to carry on: its clock stands still until then.</summary>
    public const string HandOver = "hand-over";

    /// <summary>A host carried on a drill whose host stopped, or went down (then it says <see cref="StoodSince"/>).</summary>
    public const string CarryOn = "carry-on";

    /// <summary>True for a start-over, which resets the incident's judgement of every unit.</summary>
    public bool StartsOver => Action == StartOver;
}
