namespace Command.Domain.Events;

/// <summary>
/// The marker the threat was last placed from was deleted on a device (a TAK <c>t-x-d-d</c>), or marked as something other
/// than hostile; or the marker of a sighting of the threat was. The threat keeps its place and phase: see <see cref="Threats.MarkerDeletion"/>.
/// </summary>
/// <param name="ThreatId">The threat placed from the marker.</param>
/// <param name="Marker">The marker's uid.</param>
/// <param name="Actor">The device that deleted it and the address it came from.</param>
/// <param name="Became">What the marker marks now, where a device marked it as other than hostile; null where deleted.</param>
/// <param name="Sighting">
/// The marker was not the one the threat was placed from but a sighting of it (<see cref="Threats.MarkerSighting"/>): the
/// sighting is no longer said, and the threat stands as it did.
/// </param>
[GenerateSerializer, Immutable]
public sealed record ThreatMarkerDeleted(string ThreatId, string Marker, string Actor, string? Became = null, bool Sighting = false) : IncidentEvent;
