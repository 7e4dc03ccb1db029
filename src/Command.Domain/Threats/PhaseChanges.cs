using Command.Domain.Validation;

namespace Command.Domain.Threats;

/// <summary>
/// Declaring a threat contained or neutralized suppresses flags: a decision, so it is refused without a reason. Moving
/// a threat that is already declared so, or changing any other phase, needs none.
/// </summary>
public static class PhaseChanges
{
    /// <summary>The reason recorded when a threat's marker (CoT) changes its phase: the marker is its own reason.</summary>
    public const string Marker = "marker";

    /// <summary>
    /// A declaration of the phase <paramref name="threat"/> already has: none for any other phase. Said again as it was (no
    /// reason, or the reason its standing suppression has), it is a duplicate, and nothing is recorded: a button pressed
    /// twice, a request sent again. With another reason it is refused as a conflict, rather than recorded as a second
    /// declaration the documents would read as the threat contained twice.
    /// </summary>
    public static Rejection? Repeat(Threat threat, ThreatPhase next, string? reason, FlagSuppression? suppression)
    {
        if (threat.Phase != next)
        {
            return null;
        }

        var standing = suppression is { } s && s.ThreatId == threat.ThreatId && s.Phase == next ? s : null;
        var said = standing is null ? "" : $" (declared by {standing.Actor}: {standing.Reason})";
        return string.IsNullOrWhiteSpace(reason) || reason.Trim() == standing?.Reason
            ? new Rejection(RejectReason.Duplicate, $"threat {threat.ThreatId} is already {ThreatPhases.Name(next)}{said}: nothing recorded")
            : new Rejection(RejectReason.AlreadyExists,
                $"threat {threat.ThreatId} is already {ThreatPhases.Name(next)}{said}; it is not declared {ThreatPhases.Name(next)} again for another reason: a note records more");
    }

    /// <summary>
    /// The threat as its marker places it: a marker says where the threat is, not how it stands. A threat declared
    /// contained or neutralized keeps that phase when its marker is sent again or moved: ATAK broadcasts its markers again
    /// every minute or so, always hostile, and each put a contained threat back to active, and its flags with it. A marker
    /// of another uid does not move a threat so declared at all: it is a sighting of it (<see cref="ThreatSightings"/>).
    /// </summary>
    public static Threat Marked(Threat? standing, Threat marked) =>
        standing is { Phase: ThreatPhase.Contained or ThreatPhase.Neutralized } ? marked with { Phase = standing.Phase } : marked;

    public static Rejection? Check(ThreatPhase? current, ThreatPhase next, string? reason) =>
        FlagSuppression.Suppresses(next) && current != next && string.IsNullOrWhiteSpace(reason)
            ? new Rejection(RejectReason.MissingField, $"declaring the threat {ThreatPhases.Name(next)} suppresses flags: a reason is required")
            : null;
}
