using Command.Domain.Threats;
using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>
/// One parsed message on its way to an incident: a report (or rejection), a threat to place, with the time its marker
/// was placed (checked by the intake as a unit's fix time is) and the marker's raw text, recorded if it is refused, or a
/// unit's own alert (an emergency its device raised or cancelled), with its source as the actor, or a marker a device
/// deleted or marked as other than hostile, with the device as the actor, and what is recorded where the incident
/// says it placed none of its threats (<see cref="Otherwise"/>: a marker changed is refused as no unit's position). A
/// deletion that names a unit's own device is its sign-off, where <see cref="MaySignOff"/>; it touches the threat only
/// where <see cref="MayTouchThreat"/>, and is otherwise recorded as <see cref="Otherwise"/>. A threat goes to the incident
/// of the unit whose device placed its marker (<see cref="PlacedFrom"/>), a deletion to the deleting device's, the
/// device it links to or the unit its connection speaks for (<see cref="RoutedBy"/>), where one is enrolled, else to the
/// open incident holding a threat its marker placed; else to the listener's. A refusal that names no unit goes to the
/// incident of the unit its connection speaks for, where it has one.
/// </summary>
public sealed record IngestItem(
    string Incident, UnknownUnitPolicy UnknownUnits, IncomingReport? Report, Threat? Threat = null, string? Actor = null, DateTimeOffset? MarkedAt = null, string Raw = "",
    UnitAlert? Alert = null, DeletedMarker? Deletion = null, IncomingReport? Otherwise = null, bool MayTouchThreat = false, bool MaySignOff = false,
    string? PlacedFrom = null, string? RoutedBy = null)
{
    /// <summary>The settings' section of the listener or client it came through (<c>Ingest:Cot:TakServer</c>); null where none is said.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// Who sent it, for a marker deleted or changed: the actor recorded names the deleting device once it is known (see
    /// <see cref="DeletedMarker.By"/>), else only where it came from; null where the item was not read from a radio.
    /// </summary>
    public RadioSource? Sender { get; init; }
}
