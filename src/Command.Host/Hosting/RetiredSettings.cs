namespace Command.Host.Hosting;

/// <summary>Every setting retired on purpose, and which of them a configuration still names.</summary>
public static class RetiredSettings
{
    public static IReadOnlyList<RetiredSetting> All { get; } =
    [
        new("Incidents:ResumedAfter", "2026-12",
            "every stop of a lone host is now said in the incidents it runs again, however short; remove the setting"),
    ];

    /// <summary>The retired settings <paramref name="configuration"/> names, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<RetiredSetting> In(IConfiguration configuration) =>
        [.. All.Where(r => configuration.AsEnumerable().Any(kv => r.Names(kv.Key)))];

    /// <summary><paramref name="configuration"/> without the keys of retired settings: what is checked for keys that name no setting.</summary>
    public static IConfiguration Without(IConfiguration configuration) => new ConfigurationBuilder()
        .AddInMemoryCollection(configuration.AsEnumerable().Where(kv => kv.Value is not null && !All.Any(r => r.Names(kv.Key))))
        .Build();
}
