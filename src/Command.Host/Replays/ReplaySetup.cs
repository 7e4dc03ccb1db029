using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Command.Host.Replays;

/// <summary>Replays of recorded sessions, served as dashboard feeds; each replay is a grain any host can drive.</summary>
public static class ReplaySetup
{
    public static IServiceCollection AddCommandReplays(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton(ReplayClock.Key, TimeProvider.System);
        services.AddSingleton<CatalogueTimeline>();
        services.AddSingleton<ReplayReports>();
        return services;
    }
}
