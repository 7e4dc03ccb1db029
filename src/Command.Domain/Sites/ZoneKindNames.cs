namespace Command.Domain.Sites;

/// <summary>Wire names of zone kinds, as the API and scenario files spell them: hot, warm, cold, staging, casualty-collection, perimeter.</summary>
public static class ZoneKindNames
{
    private static readonly Dictionary<ZoneKind, string> Names = new()
    {
        [ZoneKind.Hot] = "hot",
        [ZoneKind.Warm] = "warm",
        [ZoneKind.Cold] = "cold",
        [ZoneKind.Staging] = "staging",
        [ZoneKind.CasualtyCollection] = "casualty-collection",
        [ZoneKind.Perimeter] = "perimeter",
    };

    // Read with or without their hyphens, in any case: "casualty-collection", and "casualtyCollection" as the API's own
    // answers write it, are one kind.
    private static readonly Dictionary<string, ZoneKind> Kinds =
        Names.ToDictionary(p => p.Value.Replace("-", "", StringComparison.Ordinal), p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>The list as an error message names it: "hot, warm, ... or perimeter".</summary>
    public static string Expected { get; } = string.Join(", ", Names.Values.SkipLast(1)) + " or " + Names.Values.Last();

    /// <summary>Every name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Values];

    public static string Name(ZoneKind kind) => Names[kind];

    public static bool TryParse(string? text, out ZoneKind kind)
    {
        kind = default;
        return text is not null && Kinds.TryGetValue(text.Trim().Replace("-", "", StringComparison.Ordinal), out kind);
    }
}
