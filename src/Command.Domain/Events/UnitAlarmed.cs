using Command.Domain.Geometry;

namespace Command.Domain.Events;

/// <summary>
/// A unit's own device raised an emergency, or cancelled the one it had raised: a TAK alert (a "911 Alert", "Troops In
/// Contact", "Ring The Bell"), sent from where the unit was. Recorded, shown on the unit's row and in the feed, and
/// counted in the after-action report; it raises no flag of the assessment's, which judges motion, not alerts.
/// </summary>
/// <param name="UnitId">The unit whose device sent it.</param>
/// <param name="Kind">The alert as the device named it; for a cancel, the alert it cancels where the device said it.</param>
/// <param name="Cancelled">The device cancelled its alert.</param>
/// <param name="Position">Where the device was when it sent it, where it said.</param>
/// <param name="Actor">The device and the address it came from.</param>
[GenerateSerializer, Immutable]
public sealed record UnitAlarmed(string UnitId, string Kind, bool Cancelled, GeoPoint? Position, string Actor) : IncidentEvent;
