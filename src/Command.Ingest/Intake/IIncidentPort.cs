using Command.Domain.Events;
using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Validation;

namespace Command.Ingest.Intake;

/// <summary>
/// Where validated input goes: the incidents. The host implements it over the grains, so ingest knows
/// nothing of Orleans.
/// </summary>
public interface IIncidentPort
{
    /// <summary>
    /// Delivers reports that passed the stateless screen, plus inputs already refused, in one call per incident.
    /// Returns, for each report in order, null when accepted or the rejection the unit's history caused.
    /// Completes once everything is in the incident's recording.
    /// </summary>
    Task<IReadOnlyList<Rejection?>> SubmitAsync(
        string incidentId,
        IReadOnlyList<PositionReport> reports,
        IReadOnlyList<InputRejected> refused,
        UnknownUnitPolicy unknownUnits,
        CancellationToken cancellationToken);

    /// <summary>
    /// The latest fix the incident took of each of <paramref name="unitIds"/> whose fix time was put right for its
    /// device's clock (<see cref="PositionReport.ClockCorrectionS"/>); none for a unit it has not, or an incident that
    /// cannot say. Asked once for the devices of a batch this host does not follow yet (see <see cref="DeviceClocks.Recall"/>):
    /// the incident's recording holds what was learned, and outlives the host that learned it.
    /// </summary>
    Task<IReadOnlyList<PositionReport>> ClockCorrectedFixesAsync(string incidentId, IReadOnlyList<string> unitIds, CancellationToken cancellationToken);

    /// <summary>
    /// Says that <paramref name="reports"/> reports that passed the screen could not be handed to the incident: asking it
    /// failed with <paramref name="failure"/>, and their sender was told so. A host counts those lost while the incident
    /// could not record, to tell it of the hole in its record once it records again.
    /// </summary>
    void NotHanded(string incidentId, int reports, Exception failure)
    {
    }

    /// <summary>
    /// Says that the incident answered <paramref name="reports"/> reports it was handed as not recorded (it could not
    /// record, saying <paramref name="why"/>), and their sender was told so: counted as <see cref="NotHanded"/> counts.
    /// </summary>
    void NotRecorded(string incidentId, int reports, string why)
    {
    }

    /// <summary>
    /// Null when the incident takes input now; else why not (it does not exist, was closed, or cannot record now).
    /// Asked for a batch none of whose reports passed the stateless screen, so the sender hears that first.
    /// </summary>
    Task<Rejection?> TakesAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>
    /// Places or moves a threat from its marker (a hostile CoT marker): a phase change it brings is recorded with
    /// <paramref name="actor"/>, the marker's source, and "marker" as its reason. Null when done, else why the
    /// incident refused it.
    /// </summary>
    Task<Rejection?> SetThreatAsync(string incidentId, Threat threat, string actor, CancellationToken cancellationToken);

    /// <summary>
    /// Records an emergency a unit's device raised or cancelled, with <paramref name="actor"/>, the device's source. Null
    /// when done, else why the incident refused it (the unit is not enrolled in it).
    /// </summary>
    Task<Rejection?> AlertAsync(string incidentId, UnitAlert alert, string actor, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the incident that a device deleted a marker, or marked it as other than hostile: recorded where the marker
    /// placed one of its threats, which stays as it is. Null when done, else why the incident refused it: not-a-position
    /// where the marker placed none of its threats, as any other map item is.
    /// </summary>
    Task<Rejection?> DeleteMarkerAsync(string incidentId, DeletedMarker deletion, string actor, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the incident a unit's device signed off (a deletion naming the device itself): the unit is stale from now
    /// until it reports again. Null when done, else why the incident refused it (the unit is not enrolled in it, or has
    /// not reported since it last signed off).
    /// </summary>
    Task<Rejection?> SignOffAsync(string incidentId, string unitId, string actor, CancellationToken cancellationToken);
}
