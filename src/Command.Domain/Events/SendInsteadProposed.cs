using System.Collections.Immutable;
using Command.Domain.Assessment;

namespace Command.Domain.Events;

/// <summary>
/// When a unit was flagged for not closing, the units the board proposed to send instead, ranked, as the commander
/// saw them: recorded so an after-action team can see what was offered beside what was done.
/// </summary>
/// <param name="Subject">The flagged unit.</param>
/// <param name="ThreatId">The threat it was judged against.</param>
/// <param name="PaceMps">The walking pace the ETAs assume.</param>
/// <param name="Candidates">The candidates, soonest first; empty when nobody could go.</param>
[GenerateSerializer, Immutable]
public sealed record SendInsteadProposed(string Subject, string ThreatId, double PaceMps, ImmutableArray<SendCandidate> Candidates) : IncidentEvent
{
    public override bool IsDerived => true;

    // By value: the same proposal derived again in replay, or restored from a snapshot, is equal to the one recorded.
    public bool Equals(SendInsteadProposed? other) =>
        base.Equals(other) && Subject == other.Subject && ThreatId == other.ThreatId && PaceMps.Equals(other.PaceMps) && Candidates.SequenceEqual(other.Candidates);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Subject, ThreatId, Candidates.Length);
}
