using Command.Simulation.Demo;
using Command.Simulation.Engine;
using Microsoft.Extensions.Options;

namespace Command.Host.Drills;

/// <summary>Plays the demo drill, looping, once the host (and so the silo) has started.</summary>
public sealed partial class DemoDrill(DrillDirector drills, IOptions<DemoOptions> options, IHostApplicationLifetime lifetime, ILogger<DemoDrill> logger) : BackgroundService
{
    /// <summary>Who the recording says started the demo drill.</summary>
    public const string StartedBy = "host start-up";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        if (!demo.Enabled)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        try
        {
            // Every host of a cluster asks; the first starts it and the rest find it running. The feed names who started
            // it: "DRILL START demo — host start-up", not the scenario twice.
            var outcome = await drills.StartUnlessRunningAsync(demo.Incident, DemoScenario.Name, new DrillOptions { Speed = demo.Speed, Loop = true }, StartedBy);
            if (outcome.Status is null && outcome.Refusal == "closed")
            {
                // A commander closed the demo's incident: it is over, as they meant, and a closed incident takes nothing.
                LogClosed(logger, demo.Incident);
                return;
            }

            if (outcome.Status is null)
            {
                LogRefused(logger, demo.Incident, outcome.Detail);
                return;
            }

            LogStarted(logger, demo.Incident, demo.Speed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, ex, demo.Incident);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo drill playing on incident {Incident} at {Speed}x; open the dashboard to watch it")]
    private static partial void LogStarted(ILogger logger, string incident, double speed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo drill does not play: its incident {Incident} was closed. To play it again, set Demo:Incident to another id")]
    private static partial void LogClosed(ILogger logger, string incident);

    [LoggerMessage(Level = LogLevel.Error, Message = "The demo drill could not start on incident {Incident}: {Detail}")]
    private static partial void LogRefused(ILogger logger, string incident, string? detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "The demo drill could not start on incident {Incident}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string incident);
}
