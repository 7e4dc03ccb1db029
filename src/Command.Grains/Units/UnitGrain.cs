using Command.Domain.Reports;
using Command.Domain.Validation;

namespace Command.Grains.Units;

/// <summary>
/// Holds a unit's identity and enrolment durably (outliving a restart, so a unit stays its incident's), and decides
/// which incident holds it. Its latest fix is written with enrolment changes and on
/// deactivation rather than on every report, which would turn every fix into a storage write.
/// </summary>
public sealed class UnitGrain(
    [PersistentState("unit", GrainStorage.Durable)] IPersistentState<UnitGrainState> state,
    Microsoft.Extensions.Options.IOptions<Incidents.IncidentGrainOptions> options) : Grain, IUnitGrain
{
    private bool fixUnsaved;

    /// <summary>The refusal of a unit another open incident holds, in the words every path that enrols gives.</summary>
    public static Rejection HeldElsewhere(string unitId, string holder) =>
        new(RejectReason.EnrolledElsewhere, $"unit '{unitId}' is enrolled in incident '{holder}'; a commander of that incident must release it first (Release from incident… on its row)");

    public async Task<Rejection?> Claim(UnitEnrolment enrolment)
    {
        if (state.State.Record is { IncidentId: { } holder } && holder != enrolment.IncidentId
            && await GrainFactory.GetGrain<Incidents.IIncidentGrain>(holder).Holds(this.GetPrimaryKeyString()))
        {
            return HeldElsewhere(this.GetPrimaryKeyString(), holder);
        }

        // Free, or held by an incident that has let it go without saying so (it closed as its host went down).
        await TakeAsync(enrolment);
        return null;
    }

    public async Task Enrolled(UnitEnrolment enrolment)
    {
        if (state.State.Record is { IncidentId: { } holder } && holder != enrolment.IncidentId)
        {
            return;
        }

        await TakeAsync(enrolment);
    }

    private async Task TakeAsync(UnitEnrolment enrolment)
    {
        var record = state.State.Record;
        var sameIncident = record?.IncidentId == enrolment.IncidentId;
        state.State.Record = new UnitRecord(this.GetPrimaryKeyString(), enrolment.Callsign, enrolment.Role, enrolment.IncidentId,
            sameIncident ? record!.EnrolledAt : enrolment.At, sameIncident ? record!.LatestFix : null, enrolment.IncidentId);
        await state.WriteStateAsync();
        fixUnsaved = false;
    }

    public async Task Released(string incidentId)
    {
        if (state.State.Record is { } record && record.IncidentId == incidentId)
        {
            state.State.Record = record with { IncidentId = null, LastIncidentId = incidentId };
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
