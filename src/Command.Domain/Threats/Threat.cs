using Command.Domain.Geometry;

namespace Command.Domain.Threats;

/// <summary>A threat's last known position, how uncertain it is, and its phase.</summary>
/// <param name="ThreatId">Stable id within the incident ("T1" unless several are tracked).</param>
/// <param name="Position">Last known position.</param>
/// <param name="UncertaintyM">Radius of the area the threat is believed to be in, metres.</param>
/// <param name="Phase">Reported, active, contained or neutralized.</param>
/// <param name="Floor">Floor number where known (0 = ground).</param>
/// <param name="StaleAfter">When this position stops being current (CoT's stale), if given.</param>
[GenerateSerializer, Immutable]
public sealed record Threat(
    string ThreatId,
    GeoPoint Position,
    double UncertaintyM,
    ThreatPhase Phase,
    int? Floor = null,
    DateTimeOffset? StaleAfter = null)
{
    public bool IsActive => Phase == ThreatPhase.Active;
}
