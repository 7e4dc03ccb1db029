using Command.Domain.Assessment;
using Command.Domain.Units;
using Command.Ingest.Listeners;

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
        if (new SettingsSection(Section, typeof(AssessmentOptions), "an assessment setting").Unknown(configuration).FirstOrDefault() is { } unknown)
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
            // The roles are read by name, as the API names them; the binder would add them to the default ones.
            var rolesKey = $"{Section}:{nameof(AssessmentOptions.ClosingRoles)}";
            var rest = new ConfigurationBuilder()
                .AddInMemoryCollection(section.AsEnumerable().Where(kv => !kv.Key.StartsWith(rolesKey, StringComparison.OrdinalIgnoreCase)))
                .Build();
            options = rest.GetSection(Section).Get<AssessmentOptions>() ?? AssessmentOptions.Default;
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"This host cannot start: {StartRefusal.Unreadable(e) ?? $"{Section}: {e.Message}"}", e);
        }

        if (roles is not null)
        {
            options = options with { ClosingRoles = roles };
        }

        return options.Problem() is { } problem ? throw new InvalidOperationException($"This host cannot start: {problem}.") : options;
    }

    // The configured closing roles, by the names the API takes (any case); null when none are configured.
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
            if (!UnitRoles.TryParse(item.Value, out var role))
            {
                return (null, $"{item.Path} is '{item.Value}', which is not a unit role ({string.Join(", ", UnitRoles.Names)})");
            }

            roles.Add(role);
        }

        return (roles, null);
    }
}
