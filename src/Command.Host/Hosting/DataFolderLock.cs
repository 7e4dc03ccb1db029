using System.Globalization;

namespace Command.Host.Hosting;

/// <summary>
/// This host's hold on its data folder for as long as it runs: an exclusive lock on <see cref="FileName"/> in it. A second
/// host started on the same folder (a service and a manual start, two containers on one volume) refuses to start,
/// naming the folder and who holds it. Started anyway, two hosts wrote one incident's recording with the same sequence
/// numbers and each other's grain state, and what one had accepted was gone after a restart. The lock goes with the
/// process, however it ends; a host disposed in process (a test's) lets it go.
/// </summary>
public sealed partial class DataFolderLock : IHostedService, IDisposable
{
    /// <summary>The file held locked.</summary>
    public const string FileName = "host.lock";

    /// <summary>Beside it, who holds it (process, machine, since when), for whoever finds the folder in use.</summary>
    public const string HolderFileName = "host.holder";

    private readonly FileStream file;
    private readonly string root;
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ILogger? logger;

    private DataFolderLock(FileStream file, string root) => (this.file, this.root) = (file, root);

    /// <summary>The logger it says at start where this host keeps its data with.</summary>
    public DataFolderLock LoggingTo(ILogger<DataFolderLock> to)
    {
        logger = to;
        return this;
    }

    /// <summary>Takes the lock on <paramref name="root"/> (created if missing), or refuses to start naming who holds it.</summary>
    public static DataFolderLock Take(string root, TimeProvider clock)
    {
        try
        {
            Directory.CreateDirectory(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(File.Exists(root)
                ? $"This host cannot start: its data folder {root} (DataPath) is a file, not a folder"
                : $"This host cannot start: its data folder {root} (DataPath) cannot be made: {e.Message}", e);
        }

        FileStream file;
        try
        {
            file = new FileStream(Path.Combine(root, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"This host cannot start: its data folder {root} is in use by another host{Holder(root)}. Give each host its own DataPath, or stop the other first.", e);
        }

        File.WriteAllText(Path.Combine(root, HolderFileName), string.Create(CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} on {Environment.MachineName}, since {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC{Environment.NewLine}"));
        return new DataFolderLock(file, root);
    }

    // Held from before the host is built until it is disposed: starting says where, stopping changes nothing. A typo in
    // the setting that says where put the evidence in the program's folder, and no line said so.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (logger is not null)
        {
            LogDataFolder(logger, root);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Completes once the lock is let go. A host disposed in process may be disposed by its own run as well as by whoever
    /// hosts it, and only the first call does the work: the other returns at once, the folder still held.
    /// </summary>
    public Task Released => released.Task;

    public void Dispose()
    {
        file.Dispose();
        released.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Keeping this host's data in {DataFolder} (DataPath)")]
    private static partial void LogDataFolder(ILogger logger, string dataFolder);

    private static string Holder(string root)
    {
        try
        {
            return File.ReadAllText(Path.Combine(root, HolderFileName)).Trim() is { Length: > 0 } holder ? $" ({holder})" : "";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
