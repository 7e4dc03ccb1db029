using Command.Domain.Sites;
using Command.Domain.Validation;

namespace Command.Domain.Annotations;

/// <summary>
/// What a note must be: text of 1-2,000 characters without control characters other than line breaks, or invisible
/// ones (<see cref="InvisibleCharacters"/>), and ids of the usual shape.
/// </summary>
public static class AnnotationRules
{
    /// <summary>Longest note or reason. 2,000 characters.</summary>
    public const int MaxTextLength = 2_000;

    /// <summary>Most annotations one session keeps. 10,000.</summary>
    public const int MaxPerSession = 10_000;

    /// <summary>What is wrong with the annotation (field first), or null.</summary>
    public static string? Check(Annotation annotation) => annotation switch
    {
        EvaluatorNote note => Text(note.Text, "text", required: true)
            ?? (note.UnitId is { } u && !SiteRules.IsValidId(u) ? "unitId: not a unit id" : null)
            ?? (note.ObjectiveId is { } o && !SiteRules.IsValidId(o) ? "objectiveId: not an objective id" : null),
        RatingDecided rating => (!SiteRules.IsValidId(rating.ObjectiveId) ? "objectiveId: not an objective id" : null)
            ?? Text(rating.Reason, "reason", required: false),
        _ => "type: unknown annotation",
    };

    private static string? Text(string? text, string field, bool required) =>
        string.IsNullOrWhiteSpace(text)
            ? required ? $"{field}: required" : null
            : text.Length > MaxTextLength ? $"{field}: at most {MaxTextLength} characters"
            : text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') ? $"{field}: holds control characters"
            : InvisibleCharacters.Refusal($"{field}:", text, freeText: true);
}
