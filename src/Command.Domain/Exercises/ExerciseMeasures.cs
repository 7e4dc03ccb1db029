namespace Command.Domain.Exercises;

/// <summary>
/// The figures of a recording an objective can be measured by, each a time counted from the threat going active (or
/// the incident opening when it never did). Lower is better for all of them.
/// </summary>
public static class ExerciseMeasures
{
    /// <summary>The first unit on site.</summary>
    public const string FirstOnScene = "first-on-scene";

    /// <summary>The first unit inside a building or the hot zone.</summary>
    public const string FirstEntry = "first-entry";

    /// <summary>The first unit within contact distance of the threat.</summary>
    public const string FirstContact = "first-contact";

    /// <summary>The threat contained.</summary>
    public const string Contained = "contained";

    /// <summary>The threat neutralized.</summary>
    public const string Neutralized = "neutralized";

    /// <summary>The longest single flagged hold of any unit (a duration, not an instant).</summary>
    public const string LongestHold = "longest-hold";

    /// <summary>Every measure's name, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [FirstOnScene, FirstEntry, FirstContact, Contained, Neutralized, LongestHold];

    /// <summary>What the measure is, in words, for the report.</summary>
    public static string Describe(string measure) => measure switch
    {
        FirstOnScene => "first unit on scene",
        FirstEntry => "first unit inside",
        FirstContact => "first contact with the threat",
        Contained => "threat contained",
        Neutralized => "threat neutralized",
        LongestHold => "longest flagged hold",
        _ => measure,
    };

    public static bool IsKnown(string? measure) => measure is not null && All.Contains(measure);
}
