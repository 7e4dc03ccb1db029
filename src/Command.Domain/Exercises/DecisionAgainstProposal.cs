using Command.Domain.AfterAction;
using Command.Domain.Annotations;

namespace Command.Domain.Exercises;

/// <summary>
/// An evaluator's rating read against the proposal a document shows now, not the one it was made against: a rating
/// given while the incident was live, before a measure was reached, or before the recording grew, may stand against a
/// proposal that has since moved. Judged so, a rating that differs from the proposal shown and gave no reason is one to
/// revisit, whatever the proposal was when it was given (the API's rule, <see cref="AnnotationRules.ReasonRequired"/>,
/// can only judge the proposal of its moment).
/// </summary>
/// <param name="Decision">The decision that counts (the latest).</param>
/// <param name="Proposal">The proposal the document shows.</param>
public sealed record DecisionAgainstProposal(RatingDecided Decision, ObjectiveProposal Proposal)
{
    /// <summary>True when the proposal shown is not the one the decision was made against.</summary>
    public bool ProposalMoved => Decision.Proposed != Proposal.Rating;

    /// <summary>True for a rating that differs from the proposal shown and gives no reason (<see cref="AnnotationRules.ReasonMissing"/>).</summary>
    public bool Unexplained => AnnotationRules.ReasonMissing(Decision, Proposal.Rating);

    /// <summary>
    /// "before the measure was reached (proposed none then)", or "when the recording proposed S": what the decision was
    /// made against, where that is not what is shown now; null where it is.
    /// </summary>
    public string? Then => !ProposalMoved ? null
        : Decision.Proposed is { } then ? $"when the recording proposed {ExerciseRatings.Letter(then)}"
        : !Proposal.Evidence.IsEmpty ? "before the measure was reached (proposed none then)"
        : "when the recording proposed none";

    /// <summary>
    /// "rated P by eval1 at 02:32:16 UTC, before the measure was reached (proposed none then); the recording now
    /// proposes M: no reason given": a rating given against an earlier proposal, differing from the one shown, with no
    /// reason; null for any other.
    /// </summary>
    public string? Revisit(SiteClock clock) =>
        Then is { } then && Unexplained && Proposal.Rating is { } now
            ? $"rated {ExerciseRatings.Letter(Decision.Rating)} by {Decision.Author} at {clock.Both(Decision.Written)}, {then}; the recording now proposes {ExerciseRatings.Letter(now)}: no reason given"
            : null;
}
