namespace Command.Domain.Exercises;

/// <summary>HSEEP's four ratings of how an objective was performed, best first.</summary>
[GenerateSerializer]
public enum ExerciseRating
{
    /// <summary>P: performed without challenges.</summary>
    Performed,

    /// <summary>S: performed with some challenges.</summary>
    SomeChallenges,

    /// <summary>M: performed with major challenges.</summary>
    MajorChallenges,

    /// <summary>U: unable to be performed.</summary>
    Unable,
}

/// <summary>The ratings' letters and words as the AAR/IP prints them, and their wire names.</summary>
public static class ExerciseRatings
{
    public static string Letter(ExerciseRating rating) => rating switch
    {
        ExerciseRating.Performed => "P",
        ExerciseRating.SomeChallenges => "S",
        ExerciseRating.MajorChallenges => "M",
        _ => "U",
    };

    public static string Words(ExerciseRating rating) => rating switch
    {
        ExerciseRating.Performed => "Performed without challenges",
        ExerciseRating.SomeChallenges => "Performed with some challenges",
        ExerciseRating.MajorChallenges => "Performed with major challenges",
        _ => "Unable to be performed",
    };

    /// <summary>"performed", "some-challenges", "major-challenges", "unable".</summary>
    public static string Name(ExerciseRating rating) => rating switch
    {
        ExerciseRating.Performed => "performed",
        ExerciseRating.SomeChallenges => "some-challenges",
        ExerciseRating.MajorChallenges => "major-challenges",
        _ => "unable",
    };

    public static bool TryParse(string? text, out ExerciseRating rating)
    {
        foreach (var r in Enum.GetValues<ExerciseRating>())
        {
            // With or without hyphens: "some-challenges", and "someChallenges" as the API's own answers write it.
            if (string.Equals(text?.Replace("-", "", StringComparison.Ordinal), Name(r).Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)
                || string.Equals(text, Letter(r), StringComparison.OrdinalIgnoreCase))
            {
                rating = r;
                return true;
            }
        }

        rating = default;
        return false;
    }
}
