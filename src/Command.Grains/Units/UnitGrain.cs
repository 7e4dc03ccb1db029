using Command.Domain.Reports;

namespace Command.Grains.Units;

/// <summary>
/// Holds a unit's identity and enrolment durably. Its latest fix is written with enrolment changes and on
/// deactivation rather than on every report, which would turn every fix into a storage write.
/// </summary>
public sealed class UnitGrain(
    [PersistentState("unit", GrainStorage.Name)] IPersistentState<UnitGrainState> state,
    Microsoft.Extensions.Options.IOptions<Incidents.IncidentGrainOptions> options) : Grain, IUnitGrain
{
    private bool fixUnsaved;

    public async Task Enrolled(UnitEnrolment enrolment)
    {
        var unitId = this.GetPrimaryKeyString();
        var record = state.State.Record;
        var sameIncident = record?.IncidentId == enrolment.IncidentId;
        if (record is not null && !sameIncident && record.EnrolledAt > enrolment.At)
        {
            // A later enrolment elsewhere already took the unit.
            return;
        }

        state.State.Record = new UnitRecord(unitId, enrolment.Callsign, enrolment.Role, enrolment.IncidentId,
            sameIncident ? record!.EnrolledAt : enrolment.At, sameIncident ? record!.LatestFix : null);
        await state.WriteStateAsync();
        fixUnsaved = false;
    }

    public async Task Released(string incidentId)
    {
        if (state.State.Record is { } record && record.IncidentId == incidentId)
        {
            state.State.Record = record with { IncidentId = null };
            await state.WriteStateAsync();
            fixUnsaved = false;
        }
    }

    public Task Fixed(string incidentId, PositionReport fix)
    {
        if (state.State.Record is { } record && record.IncidentId == incidentId && (record.LatestFix is null || fix.FixTime > record.LatestFix.FixTime))
        {
            state.State.Record = record with { LatestFix = fix };
            fixUnsaved = true;
        }

        return Task.CompletedTask;
    }

    public Task<UnitRecord?> Get() => Task.FromResult(state.State.Record);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (fixUnsaved && (reason.ReasonCode != DeactivationReasonCode.ShuttingDown || options.Value.PersistOnShutdown))
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }
}
