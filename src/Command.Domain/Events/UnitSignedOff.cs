namespace Command.Domain.Events;

/// <summary>
/// A unit's device signed off: a TAK <c>t-x-d-d</c> naming the device itself, which ATAK sends when its user
/// disconnects and a TAK server sends for a client whose connection it lost. The device says it reports no more: the
/// unit is shown stale at once, not where its last report said it would stand for minutes yet, until it reports again.
/// </summary>
/// <param name="UnitId">The unit whose device signed off.</param>
/// <param name="Actor">Who said so: the device, or the server that passed it on, and the address it came from.</param>
[GenerateSerializer, Immutable]
public sealed record UnitSignedOff(string UnitId, string Actor) : IncidentEvent;
