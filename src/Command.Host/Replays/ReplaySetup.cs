namespace Command.Host.Replays;

/// <summary>Replays of recorded sessions, served as dashboard feeds.</summary>
public static class ReplaySetup
{
    public static IServiceCollection AddCommandReplays(this IServiceCollection services)
    {
        services.AddSingleton<CatalogueTimeline>();
        services.AddSingleton<ReplayRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplayRegistry>());
        return services;
    }
}
