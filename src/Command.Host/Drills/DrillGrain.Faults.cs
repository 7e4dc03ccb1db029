using System.Text.Json;
using Command.Grains.Incidents;
using Command.Simulation.Engine;
using Command.Simulation.Files;

namespace Command.Host.Drills;

// A drill that cannot go on: its start refused, or its engine failed after it started. An engine that failed is stopped
// before anything else is done about it: one whose carry-on failed was left running by each activation that tried, and a
// drill then played in as many copies as there had been tries.
public sealed partial class DrillGrain
{
    /// <summary>The refusal of a start whose scenario file is not a scenario: unreadable, or invalid.</summary>
    public const string InvalidScenario = "invalid-scenario";

    /// <summary>How a start that could not begin is answered; null for a failure that is no refusal.</summary>
    private static DrillOutcome? Refusal(Exception ex) => ex switch
    {
        DrillRefusedException refused => DrillOutcome.Refused(refused.Code, refused.Rejection.Detail),
        ScenarioException or IOException or JsonException => DrillOutcome.Refused(InvalidScenario, ex.Message),
        ArgumentException => DrillOutcome.Refused("invalid-value", ex.Message),
        InvalidOperationException or KeyNotFoundException => DrillOutcome.Refused("invalid-state", ex.Message),
        _ => null,
    };

    /// <summary>An engine that started and then failed: stopped, and the drill marked faulted.</summary>
    private async Task FaultAsync(DrillEngine failed, Exception ex)
    {
        LogFaulted(logger, ex, IncidentId);
        await DropAsync(failed);
        await MarkFaultedAsync();
    }

    /// <summary>
    /// A drill that could not carry on here. One its host's silo could not reach (the cluster is moving grains) is put
    /// down to be carried on at the next round of the keeper; any other is faulted, once, and off the roster.
    /// </summary>
    private async Task NotCarriedOnAsync(DrillEngine? carried, Exception ex)
    {
        if (carried is not null)
        {
            await DropAsync(carried);
        }

        if (Hosting.Unreachable.Is(ex))
        {
            LogNotCarriedOnYet(logger, IncidentId, ex.Message);
            DeactivateOnIdle();
            return;
        }

        LogNotCarriedOn(logger, ex, IncidentId);
        await MarkFaultedAsync();
    }

    // Whatever else failed, nothing of the engine plays on: its timer is gone and its clock no longer saved.
    private async Task DropAsync(DrillEngine dropped)
    {
        if (engine == dropped)
        {
            engine = null;
            saver?.Dispose();
            saver = null;
            local.Remove(IncidentId);
        }

        await dropped.DisposeAsync();
    }

    // Said once: the drill is over, off the roster every host keeps running, and the incident judges its units on its
    // own clock again (one the drill had paused would otherwise stay paused).
    private async Task MarkFaultedAsync()
    {
        state.State.State = "faulted";
        await state.WriteStateAsync();
        await Roster().Ended(IncidentId);
        await RecordEndAsync("faulted", IncidentDrillSink.Actor);
    }

    // A drill with no engine here that is asked to stop (faulted, or put down to be carried on): it is stopped all the
    // same, and the incident given its own clock back, so no drill is ever beyond stopping.
    private async Task<DrillOutcome> StopUnplayedAsync(DrillOrder order, string actor)
    {
        state.State.State = "stopped";
        state.State.HandedOver = false;
        await state.WriteStateAsync();
        await Roster().Ended(IncidentId);
        await RecordEndAsync("stop", actor);
        return new DrillOutcome(new DrillStatusView(IncidentId, order.Scenario, "stopped", state.State.DrillTimeS, 0, order.Speed, order.Loop, state.State.Iteration, Round: state.State.RoundsBefore + state.State.Iteration + 1));
    }

    private async Task RecordEndAsync(string action, string actor)
    {
        if (state.State.Order is not { } order)
        {
            return;
        }

        try
        {
            await RecordAsync(action, order.Scenario, actor, 1);
        }
        catch (Exception ex) when (IncidentDrillSink.IsMoving(ex))
        {
            LogNotRecorded(logger, IncidentId, action, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The drill on incident {IncidentId} could not carry on after its host stopped; it is marked faulted")]
    private static partial void LogNotCarriedOn(ILogger logger, Exception exception, string incidentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drill on incident {IncidentId} could not carry on here yet ({Reason}); it is carried on at the next look over the running drills")]
    private static partial void LogNotCarriedOnYet(ILogger logger, string incidentId, string reason);
}
