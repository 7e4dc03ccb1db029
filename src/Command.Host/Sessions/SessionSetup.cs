namespace Command.Host.Sessions;

/// <summary>What happens to recorded sessions over time.</summary>
public static class SessionSetup
{
    public static IServiceCollection AddCommandRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.AddSingleton<SessionRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionRetention>());
        return services;
    }
}
