using Command.Domain.Sites;

namespace Command.Domain.Exercises;

/// <summary>
/// What an exercise must be to be recorded: at most <see cref="Exercise.MaxObjectives"/> objectives, each of one to
/// <see cref="Exercise.MaxMeasures"/> measures (an objective with none has nothing to rate it by), ids of the site id
/// shape unique in the exercise, titles of 1-200 characters, known measures, and bands that are finite, non-negative
/// and in order (performed ≤ some ≤ major).
/// </summary>
public static class ExerciseRules
{
    /// <summary>Longest objective title, scenario name or version. 200.</summary>
    public const int MaxTextLength = 200;

    /// <summary>What is wrong with the exercise, path first ("objectives[1].measures[0].measure: ..."), or null.</summary>
    /// <param name="exercise">The exercise.</param>
    /// <param name="recorded">
    /// True for one read back from a recording: one made before an objective had to have a measure keeps the objective
    /// it was given (the AAR says there is nothing to rate it by).
    /// </param>
    public static string? Check(Exercise exercise, bool recorded = false)
    {
        if (exercise.Scenario is { Length: > MaxTextLength } || exercise.ScenarioVersion is { Length: > MaxTextLength })
        {
            return $"scenario: the name and version are at most {MaxTextLength} characters";
        }

        // Printed in the AAR/IP: a right-to-left override or a zero-width character changes what a reader sees there.
        if (!recorded && (Invisible("scenario:", exercise.Scenario) ?? Invisible("version:", exercise.ScenarioVersion)) is { } hidden)
        {
            return hidden;
        }

        if (exercise.Objectives.IsDefault || exercise.Objectives.Length > Exercise.MaxObjectives)
        {
            return $"objectives: at most {Exercise.MaxObjectives} objectives";
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < exercise.Objectives.Length; i++)
        {
            var o = exercise.Objectives[i];
            if (!SiteRules.IsValidId(o.ObjectiveId) || !ids.Add(o.ObjectiveId))
            {
                return $"objectives[{i}].id: '{o.ObjectiveId}' is not a unique id of 1-64 letters, digits, '-', '_' or '.'";
            }

            if (string.IsNullOrWhiteSpace(o.Title) || o.Title.Length > MaxTextLength || o.Title.Any(char.IsControl))
            {
                return $"objectives[{i}].title: 1-{MaxTextLength} characters of text";
            }

            if (!recorded && Invisible($"objectives[{i}].title:", o.Title) is { } invisible)
            {
                return invisible;
            }

            if (o.Measures.IsDefault || o.Measures.Length > Exercise.MaxMeasures || (o.Measures.IsEmpty && !recorded))
            {
                return $"objectives[{i}].measures: 1-{Exercise.MaxMeasures} measures, each read from the recording; an objective with none has nothing to rate it by";
            }

            for (var m = 0; m < o.Measures.Length; m++)
            {
                var measure = o.Measures[m];
                if (!ExerciseMeasures.IsKnown(measure.Measure))
                {
                    return $"objectives[{i}].measures[{m}].measure: '{measure.Measure}' is not one of {string.Join(", ", ExerciseMeasures.All)}";
                }

                double[] bands = [measure.PerformedS, measure.SomeChallengesS, measure.MajorChallengesS];
                if (bands.Any(b => !double.IsFinite(b) || b < 0 || b > 86_400) || bands[0] > bands[1] || bands[1] > bands[2])
                {
                    return $"objectives[{i}].measures[{m}]: bands are 0-86400 s and in order, performed ≤ some challenges ≤ major challenges";
                }
            }
        }

        return null;
    }

    private static string? Invisible(string what, string? text) =>
        text is null ? null : Validation.InvisibleCharacters.Refusal(what, text, freeText: true);
}
