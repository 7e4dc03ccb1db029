using Command.Domain.Sites;

namespace Command.Host.Api;

/// <summary>Wire names of zone kinds: hot, warm, cold, staging, casualty-collection, perimeter.</summary>
public static class ZoneKinds
{
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<ZoneKind>().Select(Name).ToArray();

    public static string Name(ZoneKind kind) => kind == ZoneKind.CasualtyCollection ? "casualty-collection" : kind.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out ZoneKind kind)
    {
        kind = default;
        var name = text?.Trim();
        var match = Enum.GetValues<ZoneKind>().Where(k => string.Equals(Name(k), name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (match.Count == 0)
        {
            return false;
        }

        kind = match[0];
        return true;
    }
}
