namespace Command.Host.Hosting;

/// <summary>
/// Where this host keeps its files: configuration "DataPath", default "data" under the content root. Logs,
/// recorded sessions and the recording spill go under it unless configured elsewhere.
/// </summary>
public static class DataFolder
{
    public static string Resolve(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["DataPath"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(builder.Environment.ContentRootPath, "data") : configured);
    }

    /// <summary>
    /// Takes this host's data folder (see <see cref="DataFolderLock"/>: a host refuses to start on one another runs on),
    /// keeps its mark of when it was last running there (<see cref="RunningMark"/>) and puts the recording's folders under
    /// it unless they are configured elsewhere.
    /// </summary>
    public static WebApplicationBuilder UseDataFolder(this WebApplicationBuilder builder)
    {
        var root = Resolve(builder);
        // Made by a factory, so the host disposes it (and lets the folder go) as it is disposed.
        var taken = DataFolderLock.Take(root, TimeProvider.System);
        builder.Services.AddHostedService(services => taken.LoggingTo(services.GetRequiredService<ILogger<DataFolderLock>>()));

        // Read before this run marks itself; marked from before the silo starts until after it stops (hosted services stop
        // in reverse order), so a stop is dated from when this host was last running.
        builder.Services.AddSingleton(RunningMark.Read(root));
        builder.Services.AddHostedService(services => new RunningMark(root,
            services.GetRequiredKeyedService<TimeProvider>(Grains.IncidentClock.Key), services.GetRequiredService<ILogger<RunningMark>>()));
        var defaults = new Dictionary<string, string?>();
        if (string.IsNullOrWhiteSpace(builder.Configuration["Recording:Path"]))
        {
            defaults["Recording:Path"] = Path.Combine(root, "sessions");
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration["Recording:SpillPath"]))
        {
            defaults["Recording:SpillPath"] = Path.Combine(root, "spill");
        }

        builder.Configuration.AddInMemoryCollection(defaults);
        return builder;
    }
}
