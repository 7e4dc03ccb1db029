using Command.Domain.Reports;
using Command.Domain.Units;

namespace Command.Domain.Assessment;

/// <summary>Where a unit stands against the threat at one instant: what the board and the map show.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Callsign">Its callsign.</param>
/// <param name="Role">Its assignment.</param>
/// <param name="LastFix">Latest accepted fix, if any.</param>
/// <param name="ThreatId">The threat it is judged against (the nearest active one), if any.</param>
/// <param name="DistanceM">Straight-line distance to the threat, metres.</param>
/// <param name="PathDistanceM">Walking distance over the site's walk graph, where it has one.</param>
/// <param name="ClosingRateMps">Positive when closing, negative when opening, metres per second.</param>
/// <param name="EtaS">Seconds to the threat at the current closing rate; null when not closing.</param>
/// <param name="BackupEtaS">Seconds until the nearest other unit could reach the threat.</param>
/// <param name="State">Closing, holding, opening, arrived or stale.</param>
/// <param name="StateSince">When the unit entered its current state.</param>
/// <param name="Flag">None, watch or alert.</param>
/// <param name="FlagReason">One line in plain words and numbers, when flagged.</param>
/// <param name="Acknowledged">A commander acknowledged the current flag.</param>
[GenerateSerializer, Immutable]
public sealed record UnitAssessment(
    string UnitId,
    string Callsign,
    UnitRole Role,
    PositionReport? LastFix,
    string? ThreatId,
    double? DistanceM,
    double? PathDistanceM,
    double? ClosingRateMps,
    double? EtaS,
    double? BackupEtaS,
    MotionState State,
    DateTimeOffset? StateSince,
    FlagLevel Flag,
    string? FlagReason,
    bool Acknowledged);
