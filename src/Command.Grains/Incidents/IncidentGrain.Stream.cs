using System.Collections.Immutable;
using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Units;
using Command.Domain.Validation;

namespace Command.Grains.Incidents;

/// <summary>The event stream: sequencing, folding, deriving, recording.</summary>
public sealed partial class IncidentGrain
{
    private DateTimeOffset lastEventTime;
    private DateTimeOffset lastKeyframe;
    private Task lastAppend = Task.CompletedTask;

    public async Task<ImmutableArray<Rejection?>> Submit(ImmutableArray<PositionReport> reports, ImmutableArray<InputRejected> refused, bool? autoEnrol)
    {
        if (!projection.IsOpen)
        {
            var missing = new Rejection(RejectReason.UnknownIncident, $"incident '{IncidentId}' does not exist");
            return [.. reports.Select(_ => (Rejection?)missing)];
        }

        lastInput = clock.GetUtcNow();
        var results = new Rejection?[reports.Length];
        var inputs = new List<IncidentEvent>(reports.Length + refused.Length);
        inputs.AddRange(refused);
        var enrol = autoEnrol ?? projection.AutoEnrol;
        var enrolled = new List<UnitEnrolled>();
        var batch = new List<IncidentEvent>(inputs.Count + reports.Length);
        var now = Now();
        foreach (var e in refused)
        {
            Emit(e, now, batch);
        }

        for (var i = 0; i < reports.Length; i++)
        {
            var report = reports[i];
            if (!projection.Units.TryGetValue(report.UnitId, out var unit))
            {
                if (!enrol)
                {
                    results[i] = Refuse(report, new Rejection(RejectReason.UnknownUnit, $"unit '{report.UnitId}' is not enrolled and incident '{IncidentId}' does not enrol units on first report"), now, batch);
                    continue;
                }

                var joined = new UnitEnrolled(report.UnitId, report.Callsign ?? report.UnitId, report.RoleHint ?? UnitRole.Unassigned, $"auto-enrol ({report.Source})");
                Emit(joined, now, batch);
                enrolled.Add(joined);
                unit = projection.Units[report.UnitId];
            }

            if (FixSequence.Check(unit.LastFix, report, validation) is { } rejection)
            {
                results[i] = Refuse(report, rejection, now, batch);
                continue;
            }

            Emit(new PositionAccepted(report), now, batch);
        }

        await AppendAsync(batch);
        await Task.WhenAll(enrolled.Select(u =>
            GrainFactory.GetGrain<Units.IUnitGrain>(Units.UnitKey.Format(IncidentId, u.UnitId)).Assign(IncidentId, u.Callsign, u.Role)));
        await SyncUnitsAsync(reports.Select(r => r.UnitId).Distinct(StringComparer.Ordinal));
        await SyncZonesAsync();
        return [.. results];
    }

    private Rejection Refuse(PositionReport report, Rejection rejection, DateTimeOffset now, List<IncidentEvent> batch)
    {
        Emit(new InputRejected(report.Source, rejection.Reason, rejection.Detail, report.UnitId, EventJson.Serialize(report)), now, batch);
        return rejection;
    }

    private async Task<Rejection?> CommandAsync(Func<Decision> decide)
    {
        lastInput = clock.GetUtcNow();
        if (!projection.IsOpen)
        {
            return new Rejection(RejectReason.UnknownIncident, $"incident '{IncidentId}' does not exist");
        }

        var decision = decide();
        if (decision.Rejection is { } rejection)
        {
            return rejection;
        }

        await RecordAsync([decision.Event!]);
        await PersistAsync();
        return null;
    }

    private async Task RecordAsync(IReadOnlyList<IncidentEvent> inputs)
    {
        var now = Now();
        var batch = new List<IncidentEvent>(inputs.Count);
        foreach (var e in inputs)
        {
            Emit(e, now, batch);
        }

        await AppendAsync(batch);
    }

    /// <summary>Sequences an input event, folds it, and sequences and folds whatever it derives, in that order.</summary>
    private void Emit(IncidentEvent input, DateTimeOffset now, List<IncidentEvent> batch)
    {
        var sequenced = input with { Sequence = projection.LastSequence + 1, Time = now };
        var derived = DerivedEvents.Sequence(sequenced, projection.Apply(sequenced), projection.Clock);
        batch.Add(sequenced);

        // What the clock alone brings about (ageing, a hold running past its grace) can wait for the next frame.
        var prompt = input is not ClockTicked;
        Notice(sequenced, prompt);
        foreach (var e in derived)
        {
            projection.Apply(e);
            batch.Add(e);
            Notice(e, prompt);
        }
    }

    /// <summary>
    /// Hands a folded batch to the session log (and a keyframe after it when one is due) before anything else can
    /// fold, then waits for it to be recorded. The log keeps the order it is handed things in.
    /// </summary>
    private async Task AppendAsync(List<IncidentEvent> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        FrameSoon();
        try
        {
            var appended = sessionLog.AppendAsync(IncidentId, batch).AsTask();
            lastAppend = appended;
            var keyframe = Task.CompletedTask;
            if (projection.Clock - lastKeyframe >= options.KeyframeInterval)
            {
                lastKeyframe = projection.Clock;
                keyframe = sessionLog.KeyframeAsync(IncidentId, projection.Capture()).AsTask();
            }

            await appended;
            await keyframe;
        }
        catch (Exception ex)
        {
            // The fold is ahead of the recording now; start again from the last persisted state.
            LogRecordingFailed(logger, ex, IncidentId, batch[0].Sequence, batch.Count);
            DeactivateOnIdle();
            throw;
        }
    }

    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        lastEventTime = now > lastEventTime ? now : lastEventTime;
        return lastEventTime;
    }
}
