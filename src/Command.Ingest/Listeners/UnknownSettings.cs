using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Command.Ingest.Listeners;

/// <summary>
/// Keys of a configuration section that name no setting of the options type it is bound to, down through nested
/// settings, lists and maps: the binder ignores them, so a misspelt setting would leave its default in force without
/// a word. Each is named with the setting it was most likely meant to be.
/// </summary>
internal static class UnknownSettings
{
    /// <summary>
    /// One sentence per unknown key under <paramref name="section"/>, read as <paramref name="type"/> (or as nothing
    /// but the sections under it, when null), whose <paramref name="nested"/> sections are read by settings of their own
    /// and checked apart; <paramref name="what"/> names a setting of it ("a setting of this listener").
    /// </summary>
    public static IEnumerable<string> In(IConfigurationSection section, Type? type, string what, IReadOnlyCollection<string> nested)
    {
        // A base type's settings first, in the order it declares them (one a derived type overrides among them), as
        // its documentation lists them. A property the binder cannot set (its setter not public: the host sets it) is
        // no setting, though it can be read.
        var settings = type is null ? []
            : type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true } || IsCollection(p.PropertyType))
                .OrderBy(p => Depth(FirstDeclared(p).DeclaringType)).ThenBy(p => FirstDeclared(p).MetadataToken).ToList();
        foreach (var child in section.GetChildren())
        {
            if (nested.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var property = settings.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                var names = settings.Select(p => p.Name).Concat(nested).ToList();
                var nearest = names.MinBy(name => Distance(name.ToUpperInvariant(), child.Key.ToUpperInvariant()));
                var meant = nearest is not null && Distance(nearest.ToUpperInvariant(), child.Key.ToUpperInvariant()) <= MostEdits ? $" (did you mean {nearest}?)" : "";
                yield return $"{child.Path} is not {what}{meant}; they are {string.Join(", ", names)}";
                continue;
            }

            foreach (var problem in Within(child, property.PropertyType, what))
            {
                yield return problem;
            }
        }
    }

    /// <summary>
    /// Each top-level key of <paramref name="configuration"/> that is none of <paramref name="known"/> but a misspelling of
    /// one of them: within two edits of one of six letters or more. The top level also holds every environment variable
    /// (PATH, HOME, …), so a key is named only where it is plainly one of the host's misspelt.
    /// </summary>
    public static IEnumerable<string> Misspelt(IConfiguration configuration, IReadOnlyCollection<string> known)
    {
        foreach (var child in configuration.GetChildren())
        {
            if (known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var nearest = known.Where(name => name.Length >= ShortestTopLevel).MinBy(name => Distance(name.ToUpperInvariant(), child.Key.ToUpperInvariant()));
            if (nearest is not null && Distance(nearest.ToUpperInvariant(), child.Key.ToUpperInvariant()) <= MostTopLevelEdits)
            {
                yield return $"{child.Key} is not a setting (did you mean {nearest}?)";
            }
        }
    }

    // A top-level key is taken for a misspelling only this close to a name this long: environment variables share the level.
    private const int MostTopLevelEdits = 2;
    private const int ShortestTopLevel = 6;

    // The keys under a setting: a nested object's own settings, a list's items or a map's values.
    private static IEnumerable<string> Within(IConfigurationSection child, Type type, string what)
    {
        var element = Element(type);
        if (element is not null)
        {
            return Simple(element) ? [] : child.GetChildren().SelectMany(item => In(item, element, what, []));
        }

        return Simple(type) ? [] : In(child, type, what, []);
    }

    // The item type of a list or set, or the value type of a map keyed by string; null for anything else.
    private static Type? Element(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var generic = type.IsGenericType ? type : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        var arguments = generic?.GetGenericArguments() ?? [];
        return arguments.Length switch
        {
            1 => arguments[0],
            2 => arguments[1],
            _ => null,
        };
    }

    // The property as the type that first declares it declares it: an override's base property.
    private static PropertyInfo FirstDeclared(PropertyInfo property) =>
        property.GetMethod?.GetBaseDefinition().DeclaringType is { } first && first != property.DeclaringType
            ? first.GetProperty(property.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly) ?? property
            : property;

    private static int Depth(Type? type) => type?.BaseType is { } parent ? 1 + Depth(parent) : 0;

    private static bool IsCollection(Type type) => type != typeof(string) && Element(type) is not null;

    private static bool Simple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan) || t == typeof(DateTimeOffset)
            || t == typeof(DateTime) || t == typeof(Uri) || t == typeof(Guid);
    }

    // A misspelling is at most this many edits from the setting meant.
    private const int MostEdits = 3;

    // Edits (insertions, deletions, substitutions) from one word to the other.
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
