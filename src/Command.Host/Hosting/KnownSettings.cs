using Command.Domain.Views;
using Command.Grains.Incidents;
using Command.Host.Access;
using Command.Host.Drills;
using Command.Host.Sessions;
using Command.Ingest;
using Command.Ingest.Listeners;
using Command.Recording.Hosting;

namespace Command.Host.Hosting;

/// <summary>
/// Every configuration section this host reads as settings. The binder ignores a key that names no setting, so a
/// misspelt one (<c>Recording:Provder=Blob</c>, <c>Auth:SessionLifetme</c>) would leave its default in force without
/// a word: the host refuses to start instead, naming each such key and the setting it was most likely meant to be.
/// A value a setting cannot be read as stops it too, naming the setting, the value and the kind it takes.
/// The assessment's section is read, and checked, by <see cref="AssessmentSettings"/>; each listener's as it is made.
/// A setting retired on purpose (<see cref="RetiredSettings"/>) is not refused: the host starts and warns of it.
/// </summary>
public static class KnownSettings
{
    public static IReadOnlyList<SettingsSection> Sections { get; } =
    [
        new(SiloOptions.Section, typeof(SiloOptions), "a cluster setting"),
        new(FramePacing.Section, typeof(FramePacing), "a frame setting"),
        new("Incidents", typeof(IncidentGrainOptions), "an incident setting"),
        new(RecordingOptions.Section, typeof(RecordingOptions), "a recording setting"),
        new(RetentionOptions.Section, typeof(RetentionOptions), "a retention setting"),
        new(DemoOptions.Section, typeof(DemoOptions), "a demo setting"),
        new(AccessOptions.Section, typeof(AccessOptions), "an access setting"),
        new(TransportOptions.Section, typeof(TransportOptions), "an HTTP setting", "RateLimits"),
        new("Diagnostics", null, "a diagnostics setting", "Probe"),
        new("Kestrel:Certificates:Default", typeof(KestrelCertificateSettings), "a certificate setting"),
        .. IngestSettings.Sections,
    ];

    /// <summary>
    /// The top-level keys the host reads, its sections' and the framework's: one a letter or two off ("DataPth",
    /// "Clustr") is refused, where it would leave the setting meant at its default (the data in the program's folder).
    /// </summary>
    public static IReadOnlyList<string> TopLevel { get; } =
    [
        .. Sections.Select(s => s.Path.Split(':')[0]).Distinct(StringComparer.OrdinalIgnoreCase),
        "DataPath", AssessmentSettings.Section, "Serilog", "Logging", "Kestrel", "AllowedHosts", "urls",
    ];

    /// <summary>
    /// Stops the host before it starts when a section it reads holds a key that names no setting, or a top-level key
    /// misspells one; a retired setting still named is warned of as the host starts instead.
    /// </summary>
    public static void RefuseUnknownSettings(this WebApplicationBuilder builder)
    {
        var unknown = Unknown(builder.Configuration).Concat(Sections.Select(s => Unreadable(builder.Configuration, s)).OfType<string>()).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"This host cannot start: {string.Join("; ", unknown.Select(u => u.TrimEnd('.')))}.");
        }

        var retired = RetiredSettings.In(builder.Configuration);
        if (retired.Count > 0)
        {
            builder.Services.AddHostedService(services => new RetiredSettingsNotice(retired, services.GetRequiredService<ILogger<RetiredSettingsNotice>>()));
        }
    }

    /// <summary>
    /// One sentence per key of <paramref name="configuration"/> that names no setting: a top-level key misspelling one the
    /// host reads, or a key of a section it reads that is none of that section's settings, nor a retired one.
    /// </summary>
    public static IEnumerable<string> Unknown(IConfiguration configuration)
    {
        var current = RetiredSettings.Without(configuration);
        return SettingsSection.Misspelt(current, TopLevel).Concat(Sections.SelectMany(s => s.Unknown(current)));
    }

    // A value its setting cannot be read as ("fast" for a speed): found here, before anything starts, rather than as the
    // service that reads the section starts, after the silo has.
    private static string? Unreadable(IConfiguration configuration, SettingsSection section)
    {
        try
        {
            _ = section.Type is null ? null : configuration.GetSection(section.Path).Get(section.Type);
            return null;
        }
        catch (InvalidOperationException e) when (StartRefusal.Unreadable(e) is { } reason)
        {
            return reason;
        }
    }
}
