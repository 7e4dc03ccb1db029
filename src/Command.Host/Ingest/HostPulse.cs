using Command.Grains;

namespace Command.Host.Ingest;

/// <summary>
/// Tells the cluster this host is running, every <see cref="Every"/> on the incidents' clock (<see cref="IHostPulseGrain"/>),
/// so that its leaving is recorded with when it was last heard from, not only when the others noticed it gone. A pulse
/// that cannot be told (storage down) is logged once, and again when one is told.
/// </summary>
public sealed partial class HostPulse(
    IGrainFactory grains, ILocalSiloDetails silo, [FromKeyedServices(IncidentClock.Key)] TimeProvider clock, ILogger<HostPulse> logger) : BackgroundService
{
    /// <summary>How often a host tells the cluster it runs: 2 s, so a leaving's last-heard time is at most that early.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    /// <summary>The grain that keeps a host's pulse: its silo's address.</summary>
    public static IHostPulseGrain Of(IGrainFactory grains, SiloAddress host) => grains.GetGrain<IHostPulseGrain>(host.Endpoint.ToString());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        var failing = false;
        try
        {
            do
            {
                try
                {
                    await Of(grains, silo.SiloAddress).Beat(silo.SiloAddress.Generation, clock.GetUtcNow()).WaitAsync(stoppingToken);
                    if (failing)
                    {
                        LogTold(logger);
                    }

                    failing = false;
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    if (!failing)
                    {
                        LogFailed(logger, e);
                    }

                    failing = true;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the cluster this host is running; a leaving of it would be recorded with when it was last heard from before this")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telling the cluster this host is running again")]
    private static partial void LogTold(ILogger logger);
}
