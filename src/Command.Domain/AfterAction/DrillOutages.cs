using Command.Domain.Events;

namespace Command.Domain.AfterAction;

/// <summary>
/// How long a drill went unplayed because its host stopped: from a hand-over (a host stopping put it down) or from
/// its last save (a host that went down without a word) to the carry-on by the next host, as the carry-on says it
/// (<see cref="DrillControlled.UnplayedSince"/>), not from the incident's latest event, from which its judging clock
/// stood still. Its clock stood still then as in a pause, but nobody paused it: a report says the two apart.
/// </summary>
public sealed class DrillOutages
{
    private DateTimeOffset? handedOverAt;

    /// <summary>The time the drill went unplayed, in all.</summary>
    public TimeSpan Total { get; private set; }

    public void Follow(DrillControlled drill)
    {
        switch (drill.Action)
        {
            case DrillControlled.HandOver:
                handedOverAt = drill.Time;
                break;
            case DrillControlled.CarryOn when (drill.UnplayedSince ?? drill.StoodSince ?? handedOverAt) is { } from && drill.Time > from:
                Total += drill.Time - from;
                handedOverAt = null;
                break;
            case DrillControlled.CarryOn:
                handedOverAt = null;
                break;
        }
    }
}
