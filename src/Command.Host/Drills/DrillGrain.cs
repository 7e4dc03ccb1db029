using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Validation;
using Command.Grains;
using Command.Grains.Incidents;
using Command.Ingest.Intake;
using Command.Simulation.Engine;
using Orleans.Placement;

namespace Command.Host.Drills;

/// <summary>
/// Runs one incident's simulated drill on whichever host holds this grain, records every start, pause, resume and
/// stop in the incident with who asked, and saves its drill clock every few seconds. Activated again after its host
/// went down (any host's <see cref="DrillKeeper"/> asks), it carries the drill on from the saved clock and records
/// that it did. One stopped because its incident's storage did not answer stands where it got to, as one whose host went
/// down does, and the keeper carries it on from there once storage answers. Only the simulator's clock pauses; live radio
/// feeds keep flowing.
/// </summary>
[PreferLocalPlacement]
public sealed partial class DrillGrain(
    [PersistentState("drill", GrainStorage.Durable)] IPersistentState<DrillGrainState> state,
    ReportIntake intake,
    LocalDrills local,
    [FromKeyedServices(IncidentClock.Key)] TimeProvider clock,
    ScenarioLibrary scenarios,
    IHostApplicationLifetime lifetime,
    ILogger<DrillGrain> logger) : Grain, IDrillGrain
{
    /// <summary>How often a running drill saves its clock: 5 s. A drill carried on elsewhere repeats at most that much.</summary>
    public static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(5);

    private DrillEngine? engine;
    private IGrainTimer? saver;

    // The watch on the engine that plays: done once the drill's end is saved and recorded.
    private Task watched = Task.CompletedTask;

    // Why a live drill stands put down in this activation, as its carry-on says it ("once storage answered"); null where
    // it does not.
    private string? standing;

    private string IncidentId => this.GetPrimaryKeyString();

    // A live drill activated here is carried on by the first call that is not its status (the keeper's, within a round),
    // never in its activation: no call, its status included, is answered before an activation ends, and a carry-on waiting
    // on its incident's storage held the page's drill panel for as long as storage took.
    private bool carryOnDue;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Woken on a host that is stopping (a last call as it shut down), a drill waits for a host that stays.
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            DeactivateOnIdle();
            return Task.CompletedTask;
        }

        carryOnDue = state.State.Live && state.State.Order is not null;
        return Task.CompletedTask;
    }

    // Every call but the status carries a drill due to be carried on on first, so none finds it idle and starts it over.
    private async Task CarriedOnAsync()
    {
        if (carryOnDue && engine is null && state.State.Live && state.State.Order is { } order)
        {
            carryOnDue = false;
            await CarryOnAsync(order, CancellationToken.None);
        }

        carryOnDue = false;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        local.Remove(IncidentId);
        await PutDownAsync();
    }

    public async Task<DrillOutcome> Start(DrillOrder order, string actor)
    {
        await CarriedOnAsync();
        return await StartAsync(order, actor, onlyIfIdle: false);
    }

    public async Task<DrillOutcome> StartUnlessRunning(DrillOrder order, string actor)
    {
        await CarriedOnAsync();
        return await StartAsync(order, actor, onlyIfIdle: true);
    }

    // Each control sets the rate of the drill's clock units are judged on: a pause stops it once the fixes due by then are
    // sent; a resume starts it again before any fix after the pause is; a stop gives the incident back its own clock.
    public async Task<DrillOutcome> Pause(string actor)
    {
        await CarriedOnAsync();
        return await ControlAsync("pause", actor, "running", e => e.PauseAsync(), "paused", _ => 0);
    }

    public async Task<DrillOutcome> Resume(string actor)
    {
        await CarriedOnAsync();
        return await ControlAsync("resume", actor, "paused", e => e.ResumeAsync(), "running", order => order.Speed, recordFirst: true);
    }

    public async Task<DrillOutcome> Stop(string actor)
    {
        await CarriedOnAsync();
        return engine is null && state.State.Order is { } order
            ? await StopUnplayedAsync(order, actor)
            : await ControlAsync("stop", actor, null, e => e.StopAsync(), "stopped", _ => 1);
    }

    public async Task<DrillOutcome> CatchUp()
    {
        await CarriedOnAsync();
        if (engine is null)
        {
            return DrillOutcome.Refused("no-drill", $"no drill runs on incident '{IncidentId}'");
        }

        await engine.CatchUpAsync();
        return new DrillOutcome(DrillStatusView.From(IncidentId, engine.Status, state.State.RoundsBefore));
    }

    // Activated, it carries a live drill on; one that is not live has no place on the roster every host keeps running. One
    // that stands because its incident's storage did not answer is carried on here, or the failure is the keeper's to say.
    public async Task KeepRunning()
    {
        await CarriedOnAsync();
        if (engine is null || engine.Completion.IsCompleted)
        {
            // How the last engine ended is settled first: a drill stopped by storage not answering is live, one faulted is not.
            await watched;
            await SayEndAsync();
        }

        if (!state.State.Live)
        {
            await Roster().Ended(IncidentId);
            return;
        }

        if (engine is null && standing is not null && state.State.Order is { } order)
        {
            await CarryOnAsync(order, CancellationToken.None);
        }
    }

    public async Task HandOver()
    {
        var playing = engine is { State: DrillState.Running } && state.State.Order is not null;
        state.State.HandedOver = playing;
        await PutDownAsync();
        DeactivateOnIdle();

        // Until a host carries the drill on, its clock stands still: the minutes between are no one's hold. The drill is
        // put down whether or not the incident can still be told (its silo may be going too).
        if (playing && state.State.Order is { } order)
        {
            try
            {
                await RecordAsync(HandedOver, order.Scenario, $"{IncidentDrillSink.Actor} (its host is stopping)", 0);
            }
            catch (Exception ex) when (Hosting.Unreachable.Is(ex))
            {
                LogNotRecorded(logger, IncidentId, HandedOver, ex.Message);

                // Unsaid, the pause is said by the host that carries the drill on, as after its host went down.
                state.State.HandedOver = false;
                await state.WriteStateAsync();
            }
        }
    }

    /// <summary>The action recorded when a stopping host puts a running drill down for another to carry on.</summary>
    public const string HandedOver = DrillControlled.HandOver;

    private async Task<DrillOutcome> StartAsync(DrillOrder order, string actor, bool onlyIfIdle)
    {
        if (engine is not null && engine.State is DrillState.Running or DrillState.Paused)
        {
            return onlyIfIdle
                ? new DrillOutcome(DrillStatusView.From(IncidentId, engine.Status, state.State.RoundsBefore))
                : DrillOutcome.Refused("invalid-state", $"A drill is already {engine.State.ToString().ToLowerInvariant()} on incident '{IncidentId}'; stop it first.");
        }

        if (onlyIfIdle && engine is null && standing is not null)
        {
            // It stands until its incident's storage answers, and is carried on from there: not started over from nothing.
            return new DrillOutcome(await Status());
        }

        if (DrillOptions.SpeedProblem(order.Speed) is { } slowOrFast)
        {
            return DrillOutcome.Refused("invalid-value", slowOrFast);
        }

        // The last drill's end is saved and recorded before the next begins: asked the moment it completed, its end was
        // recorded after the next one's start, and the rounds it played were not yet saved to count this one's from.
        await watched;
        await SayEndAsync();

        // A drill that played here before (completed, stopped or faulted once its clock ran) played its rounds: this one is
        // the next. One that never played a second of its script (it failed as it started) moved no unit.
        var played = state.State.Order is not null && (state.State.DrillTimeS > 0 || state.State.Iteration > 0);
        var roundsBefore = state.State.RoundsBefore + (played ? state.State.Iteration + 1 : 0);
        DrillEngine? started = null;
        try
        {
            // A drill played from outside may have started the incident over into later rounds: this one follows the last.
            if (await GrainFactory.GetGrain<IIncidentGrain>(IncidentId).GetView() is { Round: > 1 } view && view.Round > roundsBefore)
            {
                roundsBefore = view.Round;
            }

            var scenario = await scenarios.LoadAsync(order.Scenario, CancellationToken.None);
            started = new DrillEngine(scenario, new IncidentDrillSink(IncidentId, order.Scenario, GrainFactory, intake, mayOpen: onlyIfIdle, logger, startedBy: actor, roundsBefore: roundsBefore), clock, Options(order), order.Scenario);
            await started.StartAsync();
        }
        catch (Exception ex) when (Refusal(ex) is { } refusal)
        {
            if (started is not null)
            {
                await started.DisposeAsync();
            }

            return refusal;
        }

        try
        {
            return await PlayAsync(started, order, actor, roundsBefore);
        }
        catch (Exception ex)
        {
            // Started and then failed: it is put down before the failure is answered, never left playing unseen.
            await FaultAsync(started, ex);
            throw;
        }
    }

    // The engine has opened the incident and plays: it is this drill's now, saved, on the roster and recorded.
    private async Task<DrillOutcome> PlayAsync(DrillEngine started, DrillOrder order, string actor, int roundsBefore)
    {
        if (engine is not null)
        {
            await engine.DisposeAsync();
        }

        engine = started;
        standing = null;
        state.State.Order = order;
        state.State.State = "running";
        state.State.DrillTimeS = 0;
        state.State.Iteration = 0;
        state.State.RoundsBefore = roundsBefore;
        await state.WriteStateAsync();
        await Roster().Running(IncidentId);
        Watch(started);
        await RecordAsync("start", order.Scenario, actor, order.Speed);
        if (await GrainFactory.GetGrain<IIncidentGrain>(IncidentId).SetExercise(started.Scenario.Exercise(order.Scenario), actor) is { } refused)
        {
            LogNotRecorded(logger, IncidentId, "exercise", refused.ToString());
        }

        return new DrillOutcome(DrillStatusView.From(IncidentId, started.Status, state.State.RoundsBefore));
    }

    private async Task<DrillOutcome> ControlAsync(
        string action, string actor, string? expected, Func<DrillEngine, Task> control, string after, Func<DrillOrder, double> clockRate, bool recordFirst = false)
    {
        if (engine is null && standing is not null)
        {
            return DrillOutcome.Refused("invalid-state", $"The drill on incident '{IncidentId}' stands where it stopped until its incident answers, and carries on from there; it can be stopped meanwhile.");
        }

        if (engine is null || state.State.Order is not { } order)
        {
            return DrillOutcome.Refused("no-drill", $"No drill has been started on incident '{IncidentId}'.");
        }

        if (expected is not null && state.State.State != expected)
        {
            return DrillOutcome.Refused("invalid-state", $"The drill is {state.State.State}, not {expected}.");
        }

        if (recordFirst)
        {
            await RecordAsync(action, order.Scenario, actor, clockRate(order));
        }

        try
        {
            await control(engine);
        }
        catch (InvalidOperationException ex)
        {
            return DrillOutcome.Refused("invalid-state", ex.Message);
        }

        state.State.State = after;
        await SaveClockAsync();
        if (after == "stopped")
        {
            await Roster().Ended(IncidentId);
        }

        if (!recordFirst)
        {
            await RecordAsync(action, order.Scenario, actor, clockRate(order));
        }

        return new DrillOutcome(DrillStatusView.From(IncidentId, engine.Status, state.State.RoundsBefore));
    }

    // Back on a new host, or here once its incident's storage answers: the incident is set up already; the drill clock goes
    // on from where it was saved.
    private async Task CarryOnAsync(DrillOrder order, CancellationToken cancellationToken)
    {
        var paused = state.State.State == "paused";
        DrillEngine? carried = null;
        carrying = true;
        try
        {
            var scenario = await scenarios.LoadAsync(order.Scenario, cancellationToken);
            carried = new DrillEngine(scenario, new IncidentDrillSink(IncidentId, order.Scenario, GrainFactory, intake, logger: logger, roundsBefore: state.State.RoundsBefore), clock, Options(order), order.Scenario);
            await carried.StartAtAsync(TimeSpan.FromSeconds(state.State.DrillTimeS), state.State.Iteration, cancellationToken);
            if (paused)
            {
                await carried.PauseAsync(cancellationToken);
            }

            engine = carried;
            Watch(carried);
            var at = Durations.Clock(state.State.DrillTimeS);

            // Its host went down playing it, with no hand-over said: its clock stood still from its last save, and the
            // incident, whose clock ran on, hears so now, or the minutes no host played it would count toward every hold.
            // So does one that stood here because its incident's storage did not answer, from where its clock stood.
            var stood = !paused && !state.State.HandedOver ? state.State.SavedAt : null;
            // How long is logged here; the carry-on is said with it by the incident, measured to the carry-on as recorded.
            var unplayed = stood is { } since ? clock.GetUtcNow() - since : TimeSpan.Zero;
            var why = standing ?? "after its host stopped";
            var actor = $"drill (carried on at {at} of loop {state.State.Iteration + 1} {why})";
            // Not recorded for now, it is not carried on yet: the incident would judge it on a clock that never stood still.
            if (await GrainFactory.GetGrain<IIncidentGrain>(IncidentId).RecordDrill(DrillControlled.CarryOn, order.Scenario, actor, speed: paused ? 0 : order.Speed, stoodSince: stood) is { } refused)
            {
                if (refused.Reason == RejectReason.Unavailable)
                {
                    throw new DrillRefusedException(IncidentId, refused);
                }

                LogNotRecorded(logger, IncidentId, DrillControlled.CarryOn, refused.ToString());
            }

            standing = null;
            state.State.HandedOver = false;
            await SaveClockAsync();
            LogCarriedOn(logger, IncidentId, order.Scenario, at, state.State.Iteration + 1, why, Durations.Clock(unplayed));
        }
        catch (OperationCanceledException) when (carried is not null)
        {
            await DropAsync(carried);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await NotCarriedOnAsync(carried, ex);
        }
        finally
        {
            carrying = false;
        }
    }

    private void Watch(DrillEngine running)
    {
        local.Add(IncidentId, this.AsReference<IDrillGrain>());
        lastPlayed = DrillStatusView.From(IncidentId, running.Status, state.State.RoundsBefore);
        saver?.Dispose();
        saver = this.RegisterGrainTimer(SaveClockAsync, new GrainTimerCreationOptions(SaveEvery, SaveEvery) { KeepAlive = true });
        watched = WatchAsync(running);
    }

    // Awaited on this grain's turn: the drill's end (completed, faulted) is saved as it happens. One stopped by its incident's
    // storage not answering has not ended: it stands, and is carried on once storage answers.
    private async Task WatchAsync(DrillEngine running)
    {
        var closed = false;
        try
        {
            await running.Completion;
        }
        catch (Exception) when (ClosedUnder(running))
        {
            closed = true;
            LogIncidentClosed(logger, IncidentId);
        }
        catch (Exception ex) when (Interrupts(ex))
        {
            if (engine == running)
            {
                await StandAsync(running, ex);
            }

            return;
        }
        catch (Exception ex)
        {
            LogFaulted(logger, ex, IncidentId);
        }

        if (engine == running && (closed || running.State is DrillState.Completed or DrillState.Faulted))
        {
            state.State.State = closed ? "stopped" : running.State.ToString().ToLowerInvariant();
            unsaidEnd = !closed;
            try
            {
                await SayEndAsync();
            }
            catch (Exception ex) when (Interrupts(ex))
            {
                // Its end is saved and said at the keeper's next look, or before the next start: a drill that ended while
                // storage did not answer refused every start after it until its grain was let go.
                LogEndUnsaid(logger, IncidentId, state.State.State, ex.Message);
            }

            if (closed)
            {
                // Its status is the stop saved, not the engine's fault that ended it.
                engine = null;
                await running.DisposeAsync();
            }
        }
    }

    // The drill's end saved, taken off the roster and, but for one whose incident was closed, recorded: nothing plays any
    // more, and the incident judges its units on its own clock again (a closed one judges none). Null once done.
    private bool? unsaidEnd;

    private async Task SayEndAsync()
    {
        if (unsaidEnd is not { } record)
        {
            return;
        }

        await SaveClockAsync();
        await Roster().Ended(IncidentId);
        if (record && state.State is { State: { } ended, Order: { } order })
        {
            await RecordAsync(ended, order.Scenario, IncidentDrillSink.Actor, 1);
        }

        unsaidEnd = null;
    }

    // Its incident was closed under it by a commander: the drill is over, not broken, whether or not its end is saved yet.
    private static bool ClosedUnder(DrillEngine running) =>
        running.Completion is { IsFaulted: true } ended && ended.Exception?.InnerException is DrillRefusedException { Rejection.Reason: RejectReason.Closed };

    // Saved as it stands: the drill carries on on the host that next activates this grain.
    private async Task PutDownAsync()
    {
        if (engine is { } running)
        {
            saver?.Dispose();
            saver = null;
            await SaveClockAsync();
            engine = null;
            local.Remove(IncidentId);
            await running.DisposeAsync();
        }
    }

    private async Task SaveClockAsync()
    {
        if (engine is { } running)
        {
            var status = running.Status;
            state.State.DrillTimeS = status.DrillTime.TotalSeconds;
            state.State.Iteration = status.Iteration;
            state.State.SavedAt = clock.GetUtcNow();
        }

        await state.WriteStateAsync();
    }

    private async Task RecordAsync(string action, string scenario, string actor, double clockRate, DateTimeOffset? stoodSince = null)
    {
        if (await GrainFactory.GetGrain<IIncidentGrain>(IncidentId).RecordDrill(action, scenario, actor, speed: clockRate, stoodSince: stoodSince) is { } rejection)
        {
            LogNotRecorded(logger, IncidentId, action, rejection.ToString());
        }
    }

    private IDrillRoster Roster() => GrainFactory.GetGrain<IDrillRoster>(IDrillRoster.Key);

    private static DrillOptions Options(DrillOrder order) => new() { Speed = order.Speed, Loop = order.Loop, Seed = order.Seed };

    [LoggerMessage(Level = LogLevel.Information, Message = "The drill on incident {IncidentId} stopped: the incident was closed")]
    private static partial void LogIncidentClosed(ILogger logger, string incidentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drill on incident {IncidentId} ended ({State}), but its end could not be saved now ({Reason}); it is saved at the next look over the running drills")]
    private static partial void LogEndUnsaid(ILogger logger, string incidentId, string state, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The drill on incident {IncidentId} stopped with an error")]
    private static partial void LogFaulted(ILogger logger, Exception exception, string incidentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drill {Action} on incident {IncidentId} was not recorded: {Rejection}")]
    private static partial void LogNotRecorded(ILogger logger, string incidentId, string action, string rejection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drill on incident {IncidentId} ({Scenario}) carried on here at {DrillTime} of loop {Loop} {Why}, not played for {Unplayed}")]
    private static partial void LogCarriedOn(ILogger logger, string incidentId, string scenario, string drillTime, int loop, string why, string unplayed);

}
