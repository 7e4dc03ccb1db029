namespace Command.Domain.Units;

/// <summary>Parsing and naming of roles for APIs and reports.</summary>
public static class UnitRoles
{
    private static readonly Dictionary<string, UnitRole> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["unassigned"] = UnitRole.Unassigned,
        ["contact"] = UnitRole.Contact,
        ["perimeter"] = UnitRole.Perimeter,
        ["staging"] = UnitRole.Staging,
        ["medical"] = UnitRole.Medical,
        ["rescue-task-force"] = UnitRole.RescueTaskForce,
        ["rescuetaskforce"] = UnitRole.RescueTaskForce,
        ["rtf"] = UnitRole.RescueTaskForce,
        ["command"] = UnitRole.Command,
    };

    public static bool TryParse(string? text, out UnitRole role)
    {
        role = UnitRole.Unassigned;
        return text is not null && ByName.TryGetValue(text.Trim(), out role);
    }

    /// <summary>The wire name of a role: lower case, words joined by hyphens.</summary>
    public static string Name(UnitRole role) => role switch
    {
        UnitRole.RescueTaskForce => "rescue-task-force",
        _ => role.ToString().ToLowerInvariant(),
    };

    public static IReadOnlyList<string> Names { get; } =
        Enum.GetValues<UnitRole>().Select(Name).ToArray();
}
