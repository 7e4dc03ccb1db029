using System.Globalization;
using Command.Domain.Sites;
using Command.Domain.Validation;

namespace Command.Domain.Annotations;

/// <summary>
/// What a note must be: text of 1-2,000 characters without control characters other than line breaks, or invisible
/// ones (<see cref="InvisibleCharacters"/>), and ids of the usual shape. An amendment is held to the same rules as the
/// note it rewrites; a withdrawal must say why.
/// </summary>
public static class AnnotationRules
{
    /// <summary>Longest note or reason. 2,000 characters.</summary>
    public const int MaxTextLength = 2_000;

    /// <summary>Most annotations one session keeps, of every kind: notes, rating decisions, amendments and withdrawals. 10,000.</summary>
    public const int MaxPerSession = 10_000;

    /// <summary>
    /// Null while a session that keeps <paramref name="kept"/> annotations has room for one more; else the refusal that
    /// says it holds the most it may. What it holds stays, to be read and printed.
    /// </summary>
    public static AnnotationRefusal? Room(string sessionId, int kept) => kept < MaxPerSession ? null : new(
        AnnotationRefusalReason.LimitReached,
        string.Create(
            CultureInfo.InvariantCulture,
            $"session '{sessionId}' holds {MaxPerSession:N0} annotations (notes, rating decisions, amendments and withdrawals), the most one session keeps: it takes no more"));

    /// <summary>What is wrong with the annotation (field first), or null.</summary>
    public static string? Check(Annotation annotation) => annotation switch
    {
        EvaluatorNote note => Text(note.Text, "text", required: true)
            ?? (note.UnitId is { } u && !SiteRules.IsValidId(u) ? "unitId: not a unit id" : null)
            ?? (note.ObjectiveId is { } o && !SiteRules.IsValidId(o) ? "objectiveId: not an objective id" : null),
        RatingDecided rating => (!SiteRules.IsValidId(rating.ObjectiveId) ? "objectiveId: not an objective id" : null)
            ?? (ReasonRequired(rating) ? $"reason: {ReasonRequiredDetail(rating)}" : null)
            ?? Text(rating.Reason, "reason", required: false),
        NoteAmended amended => NoteNumber(amended.Note)
            ?? Text(amended.Text, "text", required: true)
            ?? (amended.UnitId is { } u && !SiteRules.IsValidId(u) ? "unitId: not a unit id" : null)
            ?? (amended.ObjectiveId is { } o && !SiteRules.IsValidId(o) ? "objectiveId: not an objective id" : null)
            ?? Text(amended.Reason, "reason", required: false),
        NoteWithdrawn withdrawn => NoteNumber(withdrawn.Note) ?? Text(withdrawn.Reason, "reason", required: true),
        _ => "type: unknown annotation",
    };

    /// <summary>
    /// True for a decision that changes the rating the report proposed and gives no reason: the AAR/IP would print a
    /// changed rating with no why beside it. Confirming the proposal, or rating an objective proposed none, needs none.
    /// </summary>
    public static bool ReasonRequired(RatingDecided rating) => ReasonMissing(rating, rating.Proposed);

    /// <summary>
    /// True for a decision whose rating differs from <paramref name="proposed"/> and gives no reason: the reason rule,
    /// judged against a given proposal (the one of the moment for the API; the one a document shows for the documents).
    /// </summary>
    public static bool ReasonMissing(RatingDecided rating, Exercises.ExerciseRating? proposed) =>
        proposed is { } p && p != rating.Rating && string.IsNullOrWhiteSpace(rating.Reason);

    /// <summary>"the report proposed U (unable to be performed) from the recording; rating it M changes that, and the AAR/IP prints why beside it: give the reason".</summary>
    public static string ReasonRequiredDetail(RatingDecided rating) =>
        $"the report proposed {Exercises.ExerciseRatings.Letter(rating.Proposed ?? rating.Rating)} ({Exercises.ExerciseRatings.Words(rating.Proposed ?? rating.Rating).ToLowerInvariant()}) for '{rating.ObjectiveId}' from the recording; "
        + $"rating it {Exercises.ExerciseRatings.Letter(rating.Rating)} changes that, and the AAR/IP prints why beside it: give the reason";
    private static string? NoteNumber(long number) => number < 1 ? "note: a note's number, from 1" : null;

    private static string? Text(string? text, string field, bool required) =>
        string.IsNullOrWhiteSpace(text)
            ? required ? $"{field}: required" : null
            : text.Length > MaxTextLength ? $"{field}: at most {MaxTextLength} characters"
            : text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') ? $"{field}: holds control characters"
            : InvisibleCharacters.Refusal($"{field}:", text, freeText: true);
}
