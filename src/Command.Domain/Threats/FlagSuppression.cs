namespace Command.Domain.Threats;

/// <summary>
/// Flags are suppressed: no threat is active, and one was declared contained or neutralized. A decision, with who
/// made it and why, shown as a standing banner; units are still judged against the threat meanwhile, without flags.
/// </summary>
/// <param name="Since">When flags were first suppressed (a later declaration while they still are keeps this).</param>
/// <param name="ThreatId">The threat of the latest declaration.</param>
/// <param name="Phase">What it was declared: contained or neutralized.</param>
/// <param name="Actor">Who declared it (a CoT marker's source, for a marker).</param>
/// <param name="Reason">Why, as given ("marker" for a marker).</param>
/// <param name="DeclaredAt">
/// When the latest declaration was made, where it came after the first: contained at 11:38, neutralized at 11:39 is
/// "since 11:38 — neutralized at 11:39". Absent where it is the first, or recorded before it was kept.
/// </param>
[GenerateSerializer, Immutable]
public sealed record FlagSuppression(DateTimeOffset Since, string ThreatId, ThreatPhase Phase, string Actor, string Reason, DateTimeOffset? DeclaredAt = null)
{
    /// <summary>The suppression in words: "flags suppressed: contained, declared by incident command: subject barricaded".</summary>
    public string Words => $"flags suppressed: {ThreatPhases.Name(Phase)}, declared by {Actor}: {Reason}";

    /// <summary>Says nothing why, for a declaration recorded before phase changes carried a reason.</summary>
    public const string NoReason = "no reason recorded";

    /// <summary>True for the phases that suppress flags: contained and neutralized.</summary>
    public static bool Suppresses(ThreatPhase phase) => phase is ThreatPhase.Contained or ThreatPhase.Neutralized;
}
