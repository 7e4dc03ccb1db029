using Microsoft.Extensions.Options;

namespace Command.Host.Drills;

/// <summary>Drills started from the dashboard, and the demo a first run plays.</summary>
public static class DrillSetup
{
    public static IServiceCollection AddCommandDrills(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DemoOptions>>(sp => new DemoOptionsCheck(sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddSingleton<ScenarioLibrary>();
        services.AddSingleton<LocalDrills>();
        services.AddSingleton<DrillDirector>();
        services.AddHostedService(sp => sp.GetRequiredService<DrillDirector>());

        // Stopped before the director hands this host's drills over, so it does not take them back.
        services.AddHostedService<DrillKeeper>();
        services.AddHostedService<DemoDrill>();
        return services;
    }
}
