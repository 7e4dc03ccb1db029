namespace Command.Host.Drills;

/// <summary>
/// Every host asks every running drill, every few seconds, to keep running: a drill whose host went down is
/// activated on one that is up and carries on from its saved clock.
/// </summary>
public sealed partial class DrillKeeper(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<DrillKeeper> logger) : BackgroundService
{
    /// <summary>How often: 5 s.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken) && !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            try
            {
                foreach (var incidentId in await grains.GetGrain<IDrillRoster>(IDrillRoster.Key).List())
                {
                    await grains.GetGrain<IDrillGrain>(incidentId).KeepRunning();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogKeepFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look over the running drills; the next round tries again")]
    private static partial void LogKeepFailed(ILogger logger, Exception exception);
}
