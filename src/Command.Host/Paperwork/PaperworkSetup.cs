namespace Command.Host.Paperwork;

/// <summary>The exercise paperwork: sessions' reports and annotations, the pages watching their notes, and export jobs.</summary>
public static class PaperworkSetup
{
    public static IServiceCollection AddCommandPaperwork(this IServiceCollection services)
    {
        services.AddSingleton<SessionPaperwork>();
        services.AddSingleton<ExportJobs>();
        services.AddSingleton<NoteWatchers>();
        services.AddHostedService(sp => sp.GetRequiredService<NoteWatchers>());
        return services;
    }
}
