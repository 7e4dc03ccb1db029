using System.Collections.Concurrent;

namespace Command.Host.Drills;

/// <summary>
/// Every host asks every running drill, every few seconds, to keep running: a drill whose host went down is
/// activated on one that is up and carries on from its saved clock. Each drill is asked on its own, so one that
/// cannot be reached keeps none of the others from being kept; its failure is logged once, when it begins. Only this
/// host stopping ends the rounds: a call Orleans gave up on (a message that expired while the cluster's storage did not
/// answer, thrown as a cancellation) is a failure like any other, where it stopped the keeper, and with it every host;
/// a drill failing as this host stops ends the round quietly.
/// </summary>
public sealed partial class DrillKeeper(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<DrillKeeper> logger) : BackgroundService
{
    /// <summary>How often: 5 s.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    // The drills whose last ask failed: said when one starts failing and when it is kept again, not at every round.
    private readonly ConcurrentDictionary<string, bool> failing = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken) && !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await LookOverAsync(stoppingToken);
        }
    }

    /// <summary>Asks each drill on the roster to keep running, one after another; a round of the keeper.</summary>
    public async Task LookOverAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> running;
        try
        {
            running = await grains.GetGrain<IDrillRoster>(IDrillRoster.Key).List();
        }
        catch (Exception ex)
        {
            // Once the host is stopping, a roster that cannot be read (its storage away, its silo going) is no fault of the
            // keeper's either: thrown on, it ended the keeper as a failed service over an orderly stop.
            if (!cancellationToken.IsCancellationRequested)
            {
                LogListFailed(logger, ex);
            }

            return;
        }

        foreach (var incidentId in running)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await grains.GetGrain<IDrillGrain>(incidentId).KeepRunning();
                if (failing.TryRemove(incidentId, out _))
                {
                    LogKeptAgain(logger, incidentId);
                }
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // The host is stopping and hands its drills over: a drill that failed meanwhile (its storage away, its
                // silo going) is no fault of the keeper's. Thrown on, it ended the keeper as a failed service, and an
                // orderly stop logged a fatal error and "the IHost instance is stopping".
                return;
            }
            catch (Exception ex)
            {
                if (failing.TryAdd(incidentId, true))
                {
                    LogKeepFailed(logger, ex, incidentId);
                }
            }
        }

        foreach (var ended in failing.Keys.Except(running, StringComparer.Ordinal))
        {
            failing.TryRemove(ended, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read which drills run; the next round tries again")]
    private static partial void LogListFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drill on incident {IncidentId} could not be kept running; each round tries it again, and this is said again once it is kept")]
    private static partial void LogKeepFailed(ILogger logger, Exception exception, string incidentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The drill on incident {IncidentId} is kept running again")]
    private static partial void LogKeptAgain(ILogger logger, string incidentId);
}
