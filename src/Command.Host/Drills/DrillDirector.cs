using Command.Domain.Events;
using Command.Domain.Validation;
using Command.Grains.Incidents;
using Command.Simulation.Engine;

namespace Command.Host.Drills;

/// <summary>
/// Starts, pauses, resumes and stops the simulated drill on an incident, whichever host is asked: each incident's
/// drill is one <see cref="IDrillGrain"/> in the cluster. When this host stops, the drills it runs stop sending
/// before its silo goes and are handed over, so a cluster carries them on elsewhere and none is left sending to
/// incidents that are going away.
/// </summary>
public sealed partial class DrillDirector(IGrainFactory grains, LocalDrills local, ILogger<DrillDirector> logger) : IHostedService
{
    public Task<DrillStatusView?> StatusAsync(string incidentId) => Drill(incidentId).Status();

    public Task<DrillOutcome> StartAsync(string incidentId, string scenario, DrillOptions options, string actor) =>
        Drill(incidentId).Start(Order(scenario, options), actor);

    /// <summary>Starts the drill unless one runs already: the demo, which every host of a cluster asks for.</summary>
    public Task<DrillOutcome> StartUnlessRunningAsync(string incidentId, string scenario, DrillOptions options, string actor) =>
        Drill(incidentId).StartUnlessRunning(Order(scenario, options), actor);

    public Task<DrillOutcome> PauseAsync(string incidentId, string actor) => Drill(incidentId).Pause(actor);

    public Task<DrillOutcome> ResumeAsync(string incidentId, string actor) => Drill(incidentId).Resume(actor);

    public Task<DrillOutcome> StopAsync(string incidentId, string actor) => Drill(incidentId).Stop(actor);

    /// <summary>
    /// Records that a drill played into the incident from outside the host went back to its beginning and
    /// <paramref name="round"/> (the incident's next; null for that one) begins: the incident judges every unit afresh.
    /// Null when recorded, else the incident's refusal.
    /// </summary>
    public Task<Rejection?> StartOverAsync(string incidentId, string scenario, int? round, string actor) =>
        grains.GetGrain<IIncidentGrain>(incidentId).RecordDrill(DrillControlled.StartOver, scenario, actor, round);

    /// <summary>
    /// Records that a drill played into the incident from outside the host plays at <paramref name="speed"/> drill seconds
    /// to each second (0 paused, 1 at its end): units are judged on its clock. Null when recorded, else the incident's refusal.
    /// </summary>
    public Task<Rejection?> ClockAsync(string incidentId, string scenario, double speed, string actor) =>
        grains.GetGrain<IIncidentGrain>(incidentId).RecordDrill(DrillControlled.Clock, scenario, actor, speed: speed);

    /// <summary>Has the incident's drill send what fell due up to now, and completes when it is sent (nothing is recorded).</summary>
    public Task<DrillOutcome> CatchUpAsync(string incidentId) => Drill(incidentId).CatchUp();

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        foreach (var drill in local.All)
        {
            try
            {
                await drill.HandOver().WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException)
            {
                // The silo went first and put the drill down itself, saving its clock as it deactivated.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNotHandedOver(logger, ex, drill.GetPrimaryKeyString());
            }
        }
    }

    private IDrillGrain Drill(string incidentId) => grains.GetGrain<IDrillGrain>(incidentId);

    private static DrillOrder Order(string scenario, DrillOptions options) => new(scenario, options.Speed, options.Loop, options.Seed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drill on incident {IncidentId} was not handed over as this host stopped; another host carries it on from its last saved clock")]
    private static partial void LogNotHandedOver(ILogger logger, Exception exception, string incidentId);
}
