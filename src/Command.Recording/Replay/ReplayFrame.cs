using Command.Domain.Events;

namespace Command.Recording.Replay;

/// <summary>What changed in a replay: the instant it reached and the events applied to get there.</summary>
/// <param name="Position">The replay clock after this frame.</param>
/// <param name="Applied">Input events folded and the derived events they produced, in sequence order; empty after a seek.</param>
/// <param name="Seeked">True when the state was replaced (a seek) rather than moved forward.</param>
/// <param name="AtEnd">True when no recorded event is left.</param>
/// <param name="Ticked">True when the clock ticked on the way (every unit may have aged).</param>
public sealed record ReplayFrame(DateTimeOffset Position, IReadOnlyList<IncidentEvent> Applied, bool Seeked, bool AtEnd, bool Ticked = false)
{
    /// <summary>Always true: lets the host mark a dashboard feed as replay, never live.</summary>
    public bool IsReplay => true;
}
