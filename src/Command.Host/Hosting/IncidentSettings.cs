using Command.Grains.Incidents;

namespace Command.Host.Hosting;

/// <summary>
/// The incidents' settings, from configuration section <c>Incidents</c>, read as the host starts: a value it cannot read
/// ("15min" for a time, which is written 00:15:00) or cannot honour stops it there, naming the setting. Read only as an
/// incident first activated, such a value left the host up and healthy, and every incident call an empty 500.
/// </summary>
public static class IncidentSettings
{
    public const string Section = "Incidents";

    public static IncidentGrainOptions Read(IConfiguration configuration)
    {
        IncidentGrainOptions options;
        try
        {
            options = configuration.GetSection(Section).Get<IncidentGrainOptions>() ?? new IncidentGrainOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"This host cannot start: {StartRefusal.Unreadable(e) ?? $"{Section}: {e.Message}"}", e);
        }

        return options.Problems().ToList() is { Count: > 0 } problems
            ? throw new InvalidOperationException($"This host cannot start: {string.Join("; ", problems)}.")
            : options;
    }
}
