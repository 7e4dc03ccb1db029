namespace Command.Host.Replays;

/// <summary>Replays of recorded sessions, served as dashboard feeds; each replay is a grain any host can drive.</summary>
public static class ReplaySetup
{
    public static IServiceCollection AddCommandReplays(this IServiceCollection services)
    {
        services.AddSingleton<CatalogueTimeline>();
        services.AddSingleton<ReplayReports>();
        return services;
    }
}
