namespace Command.Faults.Tests.Support;

/// <summary>Waiting on the file system: a spill appearing while storage is down, and going once it has drained.</summary>
public static class Files
{
    public static Task AppearsAsync(string path, TimeSpan timeout) => WatchAsync(path, File.Exists, timeout);

    public static Task GoesAsync(string path, TimeSpan timeout) => WatchAsync(path, p => !File.Exists(p), timeout);

    private static async Task WatchAsync(string path, Func<string, bool> done, TimeSpan timeout)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(folder, Path.GetFileName(path)) { EnableRaisingEvents = true };
        watcher.Created += (_, _) => changed.Release();
        watcher.Deleted += (_, _) => changed.Release();
        using var deadline = new CancellationTokenSource(timeout);
        while (!done(path))
        {
            try
            {
                // An event, or a second: a watcher can miss what happens between its start and the first check.
                await changed.WaitAsync(TimeSpan.FromSeconds(1), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{path} did not {(done == File.Exists ? "appear" : "go")} within {timeout.TotalSeconds} s");
            }
        }
    }
}
