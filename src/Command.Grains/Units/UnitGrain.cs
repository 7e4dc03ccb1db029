using Command.Domain.Reports;
using Command.Domain.Units;

namespace Command.Grains.Units;

/// <summary>
/// Holds a unit's identity and assignment durably. Its latest fix is written on assignment changes and on
/// deactivation rather than on every report, which would turn every fix into a storage write.
/// </summary>
public sealed class UnitGrain(
    [PersistentState("unit", GrainStorage.Name)] IPersistentState<UnitGrainState> state,
    Microsoft.Extensions.Options.IOptions<Incidents.IncidentGrainOptions> options) : Grain, IUnitGrain
{
    private bool fixUnsaved;

    public async Task Assign(string incidentId, string callsign, UnitRole role)
    {
        var unitId = UnitKey.Parse(this.GetPrimaryKeyString()).UnitId;
        state.State.Record = new UnitRecord(incidentId, unitId, callsign, role, state.State.Record?.LatestFix);
        await state.WriteStateAsync();
        fixUnsaved = false;
    }

    public Task UpdateFix(PositionReport fix)
    {
        if (state.State.Record is { } record && (record.LatestFix is null || fix.FixTime > record.LatestFix.FixTime))
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
