using System.Globalization;
using Command.Grains.Incidents;

namespace Command.Host.Hosting;

/// <summary>
/// This host's mark in its data folder (<see cref="FileName"/>) of when it was last known running, on the incidents'
/// clock: written as it starts, every <see cref="Every"/> while it runs and as it stops, once its incidents have. The next
/// run reads it (<see cref="PreviousRun"/>) to date a stop from, in each incident it runs again: a quiet incident records
/// nothing, and a stop dated from its last event had the host's last quiet minutes recorded as the incident not running.
/// A host killed outright is dated at most <see cref="Every"/> early.
/// </summary>
public sealed partial class RunningMark(string root, TimeProvider clock, ILogger<RunningMark> logger) : IHostedService, IDisposable
{
    /// <summary>The file the mark is kept in, in the data folder.</summary>
    public const string FileName = "host.running";

    /// <summary>How often a running host renews its mark: 5 s.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private ITimer? timer;
    private bool failed;

    /// <summary>The previous run's mark in <paramref name="root"/>; none when there is none, or it cannot be read.</summary>
    public static PreviousRun Read(string root)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(root, FileName)).Trim();
            return DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var running)
                ? new PreviousRun(running)
                : PreviousRun.None;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return PreviousRun.None;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Mark();
        timer = clock.CreateTimer(_ => Mark(), null, Every, Every);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        timer?.Dispose();
        timer = null;
        Mark();
        return Task.CompletedTask;
    }

    public void Dispose() => timer?.Dispose();

    // Written whole beside it and moved over it, so a host killed mid-write leaves the last mark, not half of one; one at a
    // time, as a renewal under way may meet the mark of the stop.
    private void Mark()
    {
        var path = Path.Combine(root, FileName);
        using var held = gate.EnterScope();
        try
        {
            File.WriteAllText(path + ".new", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            File.Move(path + ".new", path, overwrite: true);
            failed = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Said once per run of failures: a stop is then dated from an earlier mark, or from the incident's last event.
            if (!failed)
            {
                LogMarkFailed(logger, e, path);
            }

            failed = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark this host running in {Path}: a stop will be dated from an earlier mark, or from each incident's last event")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception, string path);
}
