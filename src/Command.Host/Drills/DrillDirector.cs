using System.Collections.Concurrent;
using Command.Grains;
using Command.Grains.Incidents;
using Command.Ingest.Intake;
using Command.Simulation.Engine;

namespace Command.Host.Drills;

/// <summary>
/// Runs simulated drills in this host, one per incident, and records every start, pause, resume and stop in
/// the incident with who asked. Only the simulator's clock is paused; live radio feeds keep flowing. Drills run on
/// the incidents' clock, so a drill's reports are stamped on the clock that screens and folds them. Its drills
/// end when the host stops, before the silo does, so none is left sending to incidents that are going away.
/// </summary>
public sealed partial class DrillDirector(
    IGrainFactory grains, ReportIntake intake, [FromKeyedServices(IncidentClock.Key)] TimeProvider clock, ScenarioLibrary scenarios, ILogger<DrillDirector> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Running> drills = new(StringComparer.Ordinal);

    public DrillStatusView? Status(string incidentId) =>
        drills.TryGetValue(incidentId, out var drill) ? DrillStatusView.From(incidentId, drill.Engine.Status) : null;

    public async Task<DrillStatusView> StartAsync(string incidentId, string scenarioName, DrillOptions options, string actor, CancellationToken cancellationToken)
    {
        var scenario = await scenarios.LoadAsync(scenarioName, cancellationToken);
        if (drills.TryGetValue(incidentId, out var existing) && existing.Engine.State is DrillState.Running or DrillState.Paused)
        {
            throw new InvalidOperationException($"A drill is already {existing.Engine.State.ToString().ToLowerInvariant()} on incident '{incidentId}'; stop it first.");
        }

        var engine = new DrillEngine(scenario, new IncidentDrillSink(incidentId, grains, intake), clock, options);
        drills[incidentId] = new Running(engine, scenarioName);
        await engine.StartAsync(cancellationToken);
        await RecordAsync(incidentId, "start", scenarioName, actor);
        _ = WatchAsync(incidentId, engine);
        return DrillStatusView.From(incidentId, engine.Status);
    }

    public Task<DrillStatusView> PauseAsync(string incidentId, string actor, CancellationToken ct) => ControlAsync(incidentId, "pause", actor, e => e.PauseAsync(ct));

    public Task<DrillStatusView> ResumeAsync(string incidentId, string actor, CancellationToken ct) => ControlAsync(incidentId, "resume", actor, e => e.ResumeAsync(ct));

    public Task<DrillStatusView> StopAsync(string incidentId, string actor) => ControlAsync(incidentId, "stop", actor, e => e.StopAsync());

    /// <summary>Has the incident's drill send what fell due up to now, and completes when it is sent (nothing is recorded).</summary>
    public Task CatchUpAsync(string incidentId, CancellationToken ct) =>
        drills.TryGetValue(incidentId, out var drill) ? drill.Engine.CatchUpAsync(ct) : throw new KeyNotFoundException($"No drill has been started on incident '{incidentId}'.");

    public async ValueTask DisposeAsync()
    {
        foreach (var incidentId in drills.Keys)
        {
            if (drills.TryRemove(incidentId, out var drill))
            {
                await drill.Engine.DisposeAsync();
            }
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    private async Task<DrillStatusView> ControlAsync(string incidentId, string action, string actor, Func<DrillEngine, Task> control)
    {
        if (!drills.TryGetValue(incidentId, out var drill))
        {
            throw new KeyNotFoundException($"No drill has been started on incident '{incidentId}'.");
        }

        await control(drill.Engine);
        await RecordAsync(incidentId, action, drill.Scenario, actor);
        return DrillStatusView.From(incidentId, drill.Engine.Status);
    }

    private async Task RecordAsync(string incidentId, string action, string scenario, string actor)
    {
        if (await grains.GetGrain<IIncidentGrain>(incidentId).RecordDrill(action, scenario, actor) is { } rejection)
        {
            LogNotRecorded(logger, incidentId, action, rejection.ToString());
        }
    }

    private async Task WatchAsync(string incidentId, DrillEngine engine)
    {
        try
        {
            await engine.Completion;
        }
        catch (Exception ex)
        {
            LogFaulted(logger, ex, incidentId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The drill on incident {IncidentId} stopped with an error")]
    private static partial void LogFaulted(ILogger logger, Exception exception, string incidentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drill {Action} on incident {IncidentId} was not recorded: {Rejection}")]
    private static partial void LogNotRecorded(ILogger logger, string incidentId, string action, string rejection);

    private sealed record Running(DrillEngine Engine, string Scenario);
}
