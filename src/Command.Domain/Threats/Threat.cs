using Command.Domain.Geometry;
using Command.Domain.Reports;

namespace Command.Domain.Threats;

/// <summary>A threat's last known position, how uncertain it is, and its phase.</summary>
/// <param name="ThreatId">Stable id within the incident ("T1" unless several are tracked).</param>
/// <param name="Position">Last known position.</param>
/// <param name="UncertaintyM">Radius of the area the threat is believed to be in, metres; null when unknown (a hand-placed marker).</param>
/// <param name="Phase">Reported, active, contained or neutralized.</param>
/// <param name="Floor">Floor number where known (0 = ground).</param>
/// <param name="StaleAfter">When this position stops being current (CoT's stale), if given.</param>
/// <param name="AltitudeM">The marker's altitude, where given with its datum: its floor is worked out against the building's.</param>
/// <param name="AltitudeDatum">What <paramref name="AltitudeM"/> is measured from.</param>
/// <param name="VerticalAccuracyM">How well <paramref name="AltitudeM"/> is known (CoT's <c>le</c>).</param>
/// <param name="Marker">The uid of the map marker it was placed from (a TAK marker); null where it was placed otherwise.</param>
/// <param name="Name">What the marker it was placed from calls it ("Shooter"), where it says.</param>
/// <param name="Remarks">What the marker's author wrote of it ("male, black hoodie, rifle"), where it says.</param>
/// <param name="MarkerDeleted">That marker was deleted on a device since it was placed: the threat stands, and says so.</param>
/// <param name="Sighted">
/// The latest hostile marker of another uid dropped while the threat stands contained or neutralized, or away from it
/// while it is active: it says so, unmoved, until a commander declares it active or moves it (see <see cref="ThreatSightings"/>).
/// </param>
[GenerateSerializer, Immutable]
public sealed record Threat(
    string ThreatId,
    GeoPoint Position,
    double? UncertaintyM,
    ThreatPhase Phase,
    int? Floor = null,
    DateTimeOffset? StaleAfter = null,
    double? AltitudeM = null,
    AltitudeDatum? AltitudeDatum = null,
    double? VerticalAccuracyM = null,
    string? Marker = null,
    MarkerDeletion? MarkerDeleted = null,
    string? Name = null,
    string? Remarks = null,
    MarkerSighting? Sighted = null)
{
    public bool IsActive => Phase == ThreatPhase.Active;

    /// <summary>What it is said to be, its name and its remarks: "Shooter: male, black hoodie"; null where nothing is said.</summary>
    public string? Described() => Name is null ? Remarks : Remarks is null ? Name : $"{Name}: {Remarks}";
}
