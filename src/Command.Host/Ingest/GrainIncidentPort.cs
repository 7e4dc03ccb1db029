using Command.Domain.Events;
using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Validation;
using Command.Grains.Incidents;
using Command.Ingest.Intake;

namespace Command.Host.Ingest;

/// <summary>
/// Delivers screened input to the incident grains: one grain call per batch per incident. Each report is handed on as
/// taken in by this host (<see cref="PositionReport.ReceivedBy"/>), so the after-action report knows whose leaving the
/// cluster took a unit's fixes with it.
/// </summary>
public sealed class GrainIncidentPort(IGrainFactory grains, ILocalSiloDetails silo, Hosting.RecordingHoles holes) : IIncidentPort
{
    // One string for every report this host takes in: a recording names its host on each.
    private readonly string host = silo.SiloAddress.Endpoint.ToString();

    public async Task<IReadOnlyList<Rejection?>> SubmitAsync(
        string incidentId, IReadOnlyList<PositionReport> reports, IReadOnlyList<InputRejected> refused, UnknownUnitPolicy unknownUnits, CancellationToken cancellationToken)
    {
        bool? autoEnrol = unknownUnits switch
        {
            UnknownUnitPolicy.Enrol => true,
            UnknownUnitPolicy.Refuse => false,
            _ => null,
        };
        return await grains.GetGrain<IIncidentGrain>(incidentId).Submit([.. reports.Select(r => r with { ReceivedBy = host })], [.. refused], autoEnrol);
    }

    public void NotHanded(string incidentId, int reports, Exception failure) => holes.Failed(incidentId, reports, 0, failure);

    public void NotRecorded(string incidentId, int reports, string why) => holes.Unrecorded(incidentId, reports, 0, why);

    public async Task<IReadOnlyList<PositionReport>> ClockCorrectedFixesAsync(string incidentId, IReadOnlyList<string> unitIds, CancellationToken cancellationToken) =>
        await grains.GetGrain<IIncidentGrain>(incidentId).ClockCorrectedFixes([.. unitIds]);

    public async Task<Rejection?> TakesAsync(string incidentId, CancellationToken cancellationToken) =>
        await grains.GetGrain<IIncidentGrain>(incidentId).Takes();

    // Threats come through here from markers: a phase a marker brings is recorded with its source as the actor and
    // the marker as the reason.
    public async Task<Rejection?> SetThreatAsync(string incidentId, Threat threat, string actor, CancellationToken cancellationToken) =>
        await grains.GetGrain<IIncidentGrain>(incidentId).SetThreat(threat, actor, PhaseChanges.Marker);

    public async Task<Rejection?> DeleteMarkerAsync(string incidentId, DeletedMarker deletion, string actor, CancellationToken cancellationToken) =>
        await grains.GetGrain<IIncidentGrain>(incidentId).DeleteMarker(deletion.Marker, actor, deletion.By, deletion.Became);

    public async Task<Rejection?> SignOffAsync(string incidentId, string unitId, string actor, CancellationToken cancellationToken) =>
        await grains.GetGrain<IIncidentGrain>(incidentId).SignOff(unitId, actor);

    public async Task<Rejection?> AlertAsync(string incidentId, UnitAlert alert, string actor, CancellationToken cancellationToken) =>
        await grains.GetGrain<IIncidentGrain>(incidentId).Alarm(alert.UnitId, alert.Kind, alert.Cancelled, alert.Position, actor);
}
