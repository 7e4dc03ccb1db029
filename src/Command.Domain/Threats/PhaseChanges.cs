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

    public static Rejection? Check(ThreatPhase? current, ThreatPhase next, string? reason) =>
        FlagSuppression.Suppresses(next) && current != next && string.IsNullOrWhiteSpace(reason)
            ? new Rejection(RejectReason.MissingField, $"declaring the threat {ThreatPhases.Name(next)} suppresses flags: a reason is required")
            : null;
}
