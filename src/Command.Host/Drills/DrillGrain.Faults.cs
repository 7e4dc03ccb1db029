using System.Runtime.ExceptionServices;
using System.Text.Json;
using Command.Domain.AfterAction;
using Command.Domain.Validation;
using Command.Grains.Incidents;
using Command.Host.Hosting;
using Command.Simulation.Engine;
using Command.Simulation.Files;

namespace Command.Host.Drills;

// A drill that cannot go on: its start refused, or its engine failed after it started. An engine that failed is stopped
// before anything else is done about it: one whose carry-on failed was left running by each activation that tried, and a
// drill then played in as many copies as there had been tries. An engine stopped because its incident could not take what
// fell due (its storage did not answer) has not failed: the drill stands, and carries on once the incident answers.
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
    /// True where the drill's incident could not take what the drill sent for now, though it may once asked again: its
    /// storage did not answer, it could not record, or its host's silo could not reach it (the cluster is moving grains).
    /// A drill stopped so is not faulted: storage away for a minute faulted the demo for good, until every host was
    /// started again, and the fault was recorded or not as storage happened to answer by the time it was said.
    /// </summary>
    private static bool Interrupts(Exception ex) =>
        StorageUnreachable.Is(ex) || IncidentDrillSink.IsMoving(ex) || ex is DrillRefusedException { Rejection.Reason: RejectReason.Unavailable };

    // What its carry-on says of why it stood: "once storage answered".
    private static string StoodUntil(Exception ex) =>
        StorageUnreachable.Is(ex) || ex.Message.Contains(StorageUnreachable.DidNotAnswer, StringComparison.Ordinal) ? OnceStorageAnswered
        : ex is DrillRefusedException ? OnceItCouldRecord
        : "once it was reached";

    private const string OnceStorageAnswered = "once storage answered";

    private const string OnceItCouldRecord = "once it could record";

    /// <summary>
    /// An engine stopped because its incident could not take what fell due (<see cref="Interrupts"/>): nothing it sent then
    /// could be recorded. The drill stands where its clock got to, as one whose host went down does: still running, on the
    /// roster, its clock saved where storage takes it; the keeper's next round that finds the incident answering carries it
    /// on from there, and the carry-on says why it stood and for how long.
    /// </summary>
    private async Task StandAsync(DrillEngine stopped, Exception ex)
    {
        var status = stopped.Status;
        var since = stopped.SentUpTo;
        // Where it stands is set before the engine is let go: its status, read meanwhile, says so.
        standing = StoodUntil(ex);
        state.State.DrillTimeS = status.DrillTime.TotalSeconds;
        state.State.Iteration = status.Iteration;
        state.State.SavedAt = since;
        state.State.HandedOver = false;
        await DropAsync(stopped);
        LogStanding(logger, IncidentId, Durations.Clock(state.State.DrillTimeS), status.Iteration + 1, StorageUnreachable.Is(ex) ? StorageUnreachable.Cause(ex) : ex.Message);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception unsaved) when (Interrupts(unsaved))
        {
            // Saved as it carries on here; a host that activates it meanwhile carries it on from its last save.
        }
    }

    /// <summary>
    /// A drill that could not carry on. One whose incident could not take it yet (<see cref="Interrupts"/>) is put down to
    /// be carried on at the next round of the keeper: activated on a host, by deactivating; standing here, it stands on,
    /// and the keeper is told (it says so once). Any other is faulted, once, and off the roster.
    /// </summary>
    private async Task NotCarriedOnAsync(DrillEngine? carried, Exception ex)
    {
        if (carried is not null)
        {
            await DropAsync(carried);
        }

        if (Interrupts(ex))
        {
            if (standing is not null)
            {
                ExceptionDispatchInfo.Throw(ex);
            }

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
        standing = null;
        state.State.State = "faulted";
        await state.WriteStateAsync();
        await Roster().Ended(IncidentId);
        await RecordEndAsync("faulted", IncidentDrillSink.Actor);
    }

    // A drill with no engine here that is asked to stop (faulted, or put down to be carried on): it is stopped all the
    // same, and the incident given its own clock back, so no drill is ever beyond stopping.
    private async Task<DrillOutcome> StopUnplayedAsync(DrillOrder order, string actor)
    {
        standing = null;
        state.State.State = "stopped";
        state.State.HandedOver = false;
        await state.WriteStateAsync();
        await Roster().Ended(IncidentId);
        await RecordEndAsync("stop", actor);
        return new DrillOutcome(Saved()!);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drill on incident {IncidentId} stopped at {DrillTime} of loop {Loop}: its incident could not take what fell due ({Reason}); it stands there until its incident answers, and carries on from there")]
    private static partial void LogStanding(ILogger logger, string incidentId, string drillTime, int loop, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The drill on incident {IncidentId} could not carry on; it is marked faulted")]
    private static partial void LogNotCarriedOn(ILogger logger, Exception exception, string incidentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drill on incident {IncidentId} could not carry on here yet ({Reason}); it is carried on at the next look over the running drills")]
    private static partial void LogNotCarriedOnYet(ILogger logger, string incidentId, string reason);
}
