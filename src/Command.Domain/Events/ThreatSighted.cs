using Command.Domain.Geometry;
using Command.Domain.Threats;

namespace Command.Domain.Events;

/// <summary>
/// A hostile marker other than the one the threat was placed from was dropped while the threat stood contained or
/// neutralized, or away from it while it was active: recorded as a sighting of it, which neither moves it nor changes its
/// phase (see <see cref="MarkerSighting"/>).
/// </summary>
/// <param name="ThreatId">The threat it is a sighting of.</param>
/// <param name="Marker">The new marker's uid.</param>
/// <param name="Position">Where the marker was dropped.</param>
/// <param name="Heading">How far and which way from the threat, as it stood: "25 m north".</param>
/// <param name="Phase">The threat's phase, which it keeps.</param>
/// <param name="Actor">The marker and where it came from, and who placed it where it says.</param>
[GenerateSerializer, Immutable]
public sealed record ThreatSighted(string ThreatId, string Marker, GeoPoint Position, string Heading, ThreatPhase Phase, string Actor) : IncidentEvent
{
    /// <summary>The sighting in words, without its time (see <see cref="MarkerSighting.Words"/>); not recorded, for it is made of what is.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Words => MarkerSighting.Said(Marker, Heading, Actor, ThreatId, Phase, null);
}
