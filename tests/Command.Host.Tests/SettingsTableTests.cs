using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Command.Host.Hosting;
using Command.Host.Tests.Support;

namespace Command.Host.Tests;

/// <summary>
/// Every setting the host binds is in the README's settings table, what it does and its default: an operator reads the
/// table, not the code, and a setting missing from it is one nobody knows to change.
/// </summary>
public sealed partial class SettingsTableTests
{
    [Fact]
    public void Every_setting_the_host_binds_is_in_the_readme_settings_table()
    {
        var listed = Listed(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")));
        var bound = KnownSettings.Sections.Where(s => s.Type is not null).SelectMany(s => Settings(s.Path, s.Type!, s.Nested)).ToList();

        Assert.Contains("Incidents:MaxOpen", bound);
        Assert.Contains("Http:RateLimits:Reports:PerSecond", bound);
        var missing = bound.Where(setting => !listed.Contains(setting)).ToList();
        Assert.True(missing.Count == 0, $"not in the README's settings table: {string.Join(", ", missing)}");
    }

    [Fact]
    public void A_row_names_its_settings_by_the_path_of_the_first_and_the_names_after_it()
    {
        var listed = Listed("""
            ## Configuration

            | setting | default | meaning |
            | --- | --- | --- |
            | `Frames:Interval`, `IncidentSlack` | 100 ms, 2 | frames |
            | `Http:RateLimits:Reports:PerSecond`/`Burst` | 50/100 | see `Ingest:Incident` and `MaxAgeS` |
            """);

        Assert.Equal(
            ["Frames:IncidentSlack", "Frames:Interval", "Http:RateLimits:Reports:Burst", "Http:RateLimits:Reports:PerSecond", "Ingest:Incident", "Ingest:MaxAgeS"],
            listed.Order(StringComparer.Ordinal));
    }

    // The settings a row of the tables under "## Configuration" names: a key written whole (`Frames:Interval`) and each
    // name after it in the row (`IncidentSlack`) beside it, in the same section.
    private static HashSet<string> Listed(string text)
    {
        var readme = "\n" + text;
        var start = readme.IndexOf("\n## Configuration", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no Configuration section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in readme[start..(end < 0 ? readme.Length : end)].Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var prefix = "";
            foreach (Match m in Key().Matches(row))
            {
                var key = m.Groups["key"].Value;
                var last = key.LastIndexOf(':');
                if (last >= 0)
                {
                    prefix = key[..last];
                    listed.Add(key);
                }
                else if (prefix.Length > 0)
                {
                    listed.Add($"{prefix}:{key}");
                }
            }
        }

        return listed;
    }

    // The settings of a section bound to type: its public settable properties (and lists), down through nested
    // settings, leaving out the sections under it read apart.
    private static IEnumerable<string> Settings(string path, Type type, IReadOnlyCollection<string> nested)
    {
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var collection = p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType);
            if (nested.Contains(p.Name, StringComparer.OrdinalIgnoreCase) || !(p.SetMethod is { IsPublic: true } || collection))
            {
                continue;
            }

            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            var simple = collection || t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan) || t == typeof(DateTimeOffset) || t == typeof(Uri);
            if (simple)
            {
                yield return $"{path}:{p.Name}";
                continue;
            }

            foreach (var inner in Settings($"{path}:{p.Name}", t, []))
            {
                yield return inner;
            }
        }
    }

    // A setting named in backticks: `Recording:Provider`, or a bare `Burst` beside one.
    [GeneratedRegex(@"`(?<key>[A-Z][A-Za-z0-9]*(?::[A-Za-z0-9]+)*)`")]
    private static partial Regex Key();
}
