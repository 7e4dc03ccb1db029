namespace Command.Host.Paperwork;

/// <summary>The exercise paperwork: sessions' reports and annotations, and export jobs.</summary>
public static class PaperworkSetup
{
    public static IServiceCollection AddCommandPaperwork(this IServiceCollection services)
    {
        services.AddSingleton<SessionPaperwork>();
        services.AddSingleton<ExportJobs>();
        return services;
    }
}
