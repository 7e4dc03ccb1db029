namespace Command.Domain.Events;

/// <summary>
/// A unit's device began to call itself by another callsign than it did (ATAK's contact callsign changed mid-drill):
/// the phone often changed hands, or its user's role. The unit keeps the callsign it is enrolled under; this says what
/// its device calls itself now, once for each callsign it turns to (see <see cref="Units.DeviceCallsign"/>).
/// </summary>
/// <param name="UnitId">The unit whose device it is.</param>
/// <param name="Callsign">What its device calls itself now.</param>
/// <param name="Was">What its device called itself before.</param>
[GenerateSerializer, Immutable]
public sealed record UnitDeviceRenamed(string UnitId, string Callsign, string Was) : IncidentEvent;
