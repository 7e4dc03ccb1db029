using Spectre.Console;

namespace Command.Report;

/// <summary>A progress bar on stderr while a session is read, told the bytes read so far.</summary>
internal static class ReadingProgress
{
    /// <summary>Sessions smaller than this read in a blink: no bar. 16 MiB.</summary>
    public const long Threshold = 16L * 1024 * 1024;

    /// <summary>
    /// Whether a session of <paramref name="totalBytes"/> gets a bar: only one big enough to wait for, and only on a
    /// terminal, so a redirected stderr (a log, CI) holds the summary line rather than redraws.
    /// </summary>
    public static bool Wanted(long totalBytes, bool errorRedirected) => totalBytes >= Threshold && !errorRedirected;

    /// <summary>Runs <paramref name="read"/> under a bar on <paramref name="console"/> that it moves, and leaves the bar full.</summary>
    public static Task<T> ShowAsync<T>(IAnsiConsole console, long totalBytes, Func<IProgress<long>, Task<T>> read) =>
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Reading session", maxValue: totalBytes);
                var result = await read(new TaskProgress(task));
                task.Value = totalBytes;
                return result;
            });

    /// <summary>Sets the bar directly: <see cref="Progress{T}"/> would post each report to the thread pool, out of order.</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}
