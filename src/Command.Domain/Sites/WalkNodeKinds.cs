namespace Command.Domain.Sites;

/// <summary>The kinds of walk-graph node, as the API and scenario files spell them: door, corridor, stair, outdoor.</summary>
public static class WalkNodeKinds
{
    /// <summary>A corridor junction or room: the default kind.</summary>
    public const string Corridor = "corridor";

    /// <summary>A stair landing: a unit by one is on the stairs.</summary>
    public const string Stair = "stair";

    /// <summary>Every kind, in the order an error message lists them.</summary>
    public static IReadOnlyList<string> All { get; } = ["door", Corridor, Stair, "outdoor"];

    /// <summary>The list as an error message names it: "door, corridor, stair or outdoor".</summary>
    public static string Expected { get; } = string.Join(", ", All.SkipLast(1)) + " or " + All[^1];

    /// <summary>Reads a kind in any case, giving its canonical lower-case name.</summary>
    public static bool TryParse(string? text, out string kind)
    {
        kind = All.FirstOrDefault(k => string.Equals(k, text?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? "";
        return kind.Length > 0;
    }
}
