using System.Collections.Immutable;

namespace Command.Grains.Access;

/// <summary>Role names as the API and the page spell them: lower case, stable across versions.</summary>
public static class AccessRoles
{
    /// <summary>Every role's name, in the order of <see cref="AccessRole"/>.</summary>
    public static ImmutableArray<string> Names { get; } = [.. Enum.GetValues<AccessRole>().Select(Name)];

    /// <summary>The roles a person may hold: every role but <see cref="AccessRole.Device"/>, which is a machine's.</summary>
    public static ImmutableArray<AccessRole> ForPeople { get; } = [.. Enum.GetValues<AccessRole>().Where(r => r != AccessRole.Device)];

    public static string Name(AccessRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out AccessRole role)
    {
        role = default;
        return name is not null && !int.TryParse(name, out _) && Enum.TryParse(name.Trim(), ignoreCase: true, out role) && Enum.IsDefined(role);
    }
}
