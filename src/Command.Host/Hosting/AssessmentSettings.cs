using Command.Domain.Assessment;
using Command.Domain.Units;

namespace Command.Host.Hosting;

/// <summary>
/// The assessment's settings, from configuration section <c>Assessment</c>. A host refuses to start on a key it does
/// not know (a misspelt setting would otherwise leave its default in force without a word), on a value it cannot
/// read, and on settings that contradict themselves (<see cref="AssessmentOptions.Problem"/>). Configured closing
/// roles replace the default ones rather than adding to them.
/// </summary>
public static class AssessmentSettings
{
    public const string Section = "Assessment";

    public static AssessmentOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (Unknown(section) is { } unknown)
        {
            throw new InvalidOperationException($"This host cannot start: {unknown}.");
        }

        var (roles, badRole) = ClosingRoles(section);
        if (badRole is not null)
        {
            throw new InvalidOperationException($"This host cannot start: {badRole}.");
        }

        AssessmentOptions options;
        try
        {
            options = section.Get<AssessmentOptions>(binder => binder.ErrorOnUnknownConfiguration = true) ?? AssessmentOptions.Default;
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"This host cannot start: {Section}: {e.Message}", e);
        }

        if (roles is not null)
        {
            // The binder adds configured items to a collection that already has some: the default roles would stay.
            options = options with { ClosingRoles = roles };
        }

        return options.Problem() is { } problem ? throw new InvalidOperationException($"This host cannot start: {problem}.") : options;
    }

    // A key of the section that names no setting, with the setting it was most likely meant to be.
    private static string? Unknown(IConfigurationSection section)
    {
        var names = typeof(AssessmentOptions).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.CanWrite).Select(p => p.Name).ToList();
        foreach (var key in section.GetChildren().Select(c => c.Key))
        {
            if (!names.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                var nearest = names.MinBy(name => Distance(name.ToUpperInvariant(), key.ToUpperInvariant()))!;
                var meant = Distance(nearest.ToUpperInvariant(), key.ToUpperInvariant()) <= 3 ? $" (did you mean {nearest}?)" : "";
                return $"{section.Path}:{key} is not an assessment setting{meant}; they are {string.Join(", ", names)}";
            }
        }

        return null;
    }

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

    // The configured closing roles, by name (any case); null when none are configured.
    private static (IReadOnlySet<UnitRole>? Roles, string? Problem) ClosingRoles(IConfigurationSection section)
    {
        var configured = section.GetSection(nameof(AssessmentOptions.ClosingRoles));
        if (!configured.Exists())
        {
            return (null, null);
        }

        var roles = new HashSet<UnitRole>();
        foreach (var item in configured.GetChildren())
        {
            if (!Enum.TryParse<UnitRole>(item.Value, ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(item.Value, out _))
            {
                return (null, $"{item.Path} is '{item.Value}', which is not a unit role ({string.Join(", ", Enum.GetNames<UnitRole>())})");
            }

            roles.Add(role);
        }

        return (roles, null);
    }
}
