using System.Text.Json.Serialization;
using Command.Domain.Exercises;

namespace Command.Domain.Annotations;

/// <summary>
/// Something an evaluator wrote about a session, kept in a stream beside its recording and never in it: the
/// recording stays what happened, and notes are read only by those allowed to (evaluators, controllers, admins).
/// </summary>
/// <remarks>Each has the incident time it is about and the time it was written, which differ when written in replay.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(EvaluatorNote), "note")]
[JsonDerivedType(typeof(RatingDecided), "rating")]
[JsonDerivedType(typeof(NoteAmended), "amended")]
[JsonDerivedType(typeof(NoteWithdrawn), "withdrawn")]
[GenerateSerializer, Immutable]
public abstract record Annotation
{
    /// <summary>Position in the session's annotation stream, from 1.</summary>
    [Id(0)]
    public long Number { get; init; }

    /// <summary>The incident time the annotation is about (the replay's instant when written in replay).</summary>
    [Id(1)]
    public DateTimeOffset About { get; init; }

    /// <summary>When it was written, on the host's clock.</summary>
    [Id(2)]
    public DateTimeOffset Written { get; init; }

    /// <summary>Who wrote it, by the name the record shows.</summary>
    [Id(3)]
    public string Author { get; init; } = "";

    /// <summary>
    /// The identity of whoever wrote it (<see cref="NoteAuthor.Id"/>): a person's, which one added later under the same
    /// name does not inherit, or a token's. Null on annotations written before it was kept: see <see cref="NoteAuthor.Wrote"/>.
    /// </summary>
    [Id(4)]
    public string? AuthorId { get; init; }
}

/// <summary>An evaluator's observation, optionally about one unit and one objective, marked a strength or an area for improvement.</summary>
/// <param name="Text">The observation, at most <see cref="AnnotationRules.MaxTextLength"/> characters.</param>
/// <param name="Mark">Strength, area for improvement, or a plain observation.</param>
/// <param name="UnitId">The unit it is about, if one.</param>
/// <param name="ObjectiveId">The exercise objective it is evidence for, if one.</param>
[GenerateSerializer, Immutable]
public sealed record EvaluatorNote(string Text, NoteMark Mark, string? UnitId = null, string? ObjectiveId = null) : Annotation;

/// <summary>An evaluator confirmed or changed the rating proposed for an objective; the latest one for an objective counts.</summary>
/// <param name="ObjectiveId">The objective.</param>
/// <param name="Rating">The rating the evaluator gives.</param>
/// <param name="Proposed">The rating the report proposed when the evaluator decided; null where it proposed none (<see cref="ObjectiveProposal.Rating"/>).</param>
/// <param name="Reason">Why, when the evaluator changed it (optional).</param>
[GenerateSerializer, Immutable]
public sealed record RatingDecided(string ObjectiveId, ExerciseRating Rating, ExerciseRating? Proposed, string? Reason = null) : Annotation;

/// <summary>
/// A correction of an earlier note: what the note now says, whole (text, mark, unit and objective, so that the stream
/// alone tells what the note read after it), and why. The note keeps its number, author and the instant it is about;
/// the stream keeps every version (<see cref="NoteBook"/> folds them).
/// </summary>
/// <param name="Note">The number of the note amended (an <see cref="EvaluatorNote"/> of the same stream, not withdrawn).</param>
/// <param name="Text">The note's text from now on.</param>
/// <param name="Mark">The note's mark from now on.</param>
/// <param name="UnitId">The unit it is about from now on, if one.</param>
/// <param name="ObjectiveId">The objective it is evidence for from now on, if one.</param>
/// <param name="Reason">Why it was amended (optional).</param>
[GenerateSerializer, Immutable]
public sealed record NoteAmended(long Note, string Text, NoteMark Mark, string? UnitId = null, string? ObjectiveId = null, string? Reason = null) : Annotation;

/// <summary>
/// An earlier note taken back: it is left out of every document from then on, and shown as withdrawn, with why, to
/// those who may read notes. A withdrawn note cannot be amended or withdrawn again.
/// </summary>
/// <param name="Note">The number of the note withdrawn.</param>
/// <param name="Reason">Why it was withdrawn (required).</param>
[GenerateSerializer, Immutable]
public sealed record NoteWithdrawn(long Note, string Reason) : Annotation;

/// <summary>How an evaluator marks a note.</summary>
[GenerateSerializer]
public enum NoteMark
{
    /// <summary>An observation with no mark.</summary>
    Observation,

    /// <summary>A strength to keep.</summary>
    Strength,

    /// <summary>An area for improvement: it becomes a row of the improvement plan.</summary>
    AreaForImprovement,
}
