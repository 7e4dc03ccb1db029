using Command.Domain.Reports;
using Command.Domain.Units;

namespace Command.Simulation.Engine;

public sealed partial class DrillEngine
{
    private async Task TickAsync()
    {
        if (!await gate.WaitAsync(0).ConfigureAwait(false))
        {
            // The previous tick is still sending; the next one covers this interval too, so nothing is lost.
            return;
        }

        try
        {
            if (state == DrillState.Running)
            {
                await Guarded(() => AdvanceAsync(clock.GetUtcNow())).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped while sending: the stop is the outcome, not a failure.
        }
        catch (Exception)
        {
            // Guarded has already faulted the drill and put the exception on Completion; a timer callback has no caller to throw to.
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs a sink call; a failure faults the drill (Completion carries it) and is rethrown to the caller.</summary>
    private async Task Guarded(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            state = DrillState.Faulted;
            timer?.Dispose();
            timer = null;
            completion.TrySetException(e);
            throw;
        }
    }

    /// <summary>Plays the script up to the drill time the clock shows at <paramref name="now"/>, looping if asked.</summary>
    private async Task AdvanceAsync(DateTimeOffset now)
    {
        var target = ElapsedAt(now);
        while (state == DrillState.Running)
        {
            var loopStart = iteration * scenario.DurationS;
            var toS = Math.Min(target - loopStart, scenario.DurationS);
            if (toS <= scriptS)
            {
                return;
            }

            await EmitAsync(scriptS, toS, loopStart).ConfigureAwait(false);
            scriptS = toS;
            if (scriptS < scenario.DurationS)
            {
                return;
            }

            if (!options.Loop)
            {
                Finish(DrillState.Completed);
                return;
            }

            iteration++;
            scriptS = 0;
            ResetReporters();
            await RestartAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Sends the threat steps, role changes and fixes scheduled in [fromS, toS) of script time.</summary>
    private async Task EmitAsync(double fromS, double toS, double loopStart)
    {
        // Changes at time 0 went out with the setup (or the restart); later ones go out when the clock passes them.
        bool Due(double atS) => atS > 0 && atS >= fromS && atS < toS;
        foreach (var step in scenario.Threat.Steps.Where(s => Due(s.AtS)))
        {
            await sink.ThreatAsync(step.Threat, step.Reason, stopping.Token).ConfigureAwait(false);
        }

        var changes = scenario.Units
            .SelectMany(u => u.RoleChanges.Where(c => Due(c.AtS)).Select(c => (c.AtS, u.UnitId, c.Role)))
            .OrderBy(c => c.AtS);
        foreach (var (_, unitId, role) in changes)
        {
            await sink.RoleAsync(unitId, role, stopping.Token).ConfigureAwait(false);
        }

        var fixes = new List<(double AtS, PositionReport Report)>();
        foreach (var reporter in reporters)
        {
            reporter.Collect(fromS, toS, s => WallAt(loopStart + s), fixes);
        }

        if (fixes.Count > 0)
        {
            await sink.ReportsAsync([.. fixes.OrderBy(f => f.AtS).Select(f => f.Report)], stopping.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A looping drill starts over: the incident is told so (it judges every unit afresh), then the threat and every
    /// reassigned unit go back to how they began.
    /// </summary>
    private async Task RestartAsync()
    {
        await sink.StartOverAsync(iteration + 1, stopping.Token).ConfigureAwait(false);
        if (scenario.Threat.At(0) is { } threat)
        {
            await sink.ThreatAsync(threat, scenario.Threat.ReasonAt(0), stopping.Token).ConfigureAwait(false);
        }

        foreach (var unit in scenario.Units)
        {
            UnitRole last = unit.RoleChanges.Length > 0 ? unit.RoleChanges[^1].Role : unit.Role;
            if (last != unit.RoleAt(0))
            {
                await sink.RoleAsync(unit.UnitId, unit.RoleAt(0), stopping.Token).ConfigureAwait(false);
            }
        }
    }
}
