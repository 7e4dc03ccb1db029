using System.Collections.Immutable;
using Command.Domain.Units;

namespace Command.Domain.Assessment;

/// <summary>
/// Who could close on a threat instead of a unit flagged for not closing: units whose role is to close (contact or
/// unassigned), not arrived, not flagged, not stale (where they are is not known), with no emergency of their own raised
/// from their device (a 911 alert), not already closing on that threat,
/// and judged against the same threat; ranked by their time to it along the walk graph where the site has one
/// (otherwise the straight line) at a stated walking pace. The flagged unit itself is never a candidate.
/// </summary>
public static class SendInstead
{
    /// <summary>Most candidates proposed for one flag. 5.</summary>
    public const int MaxCandidates = 5;

    /// <summary>The ranked candidates to send instead of <paramref name="flagged"/>, nearest in time first.</summary>
    /// <param name="flagged">The unit flagged for not closing.</param>
    /// <param name="board">Every unit's assessment at the same instant.</param>
    /// <param name="paceMps">The walking pace the ETA assumes, m/s.</param>
    public static ImmutableArray<SendCandidate> Rank(UnitAssessment flagged, IEnumerable<UnitAssessment> board, double paceMps)
    {
        if (flagged.ThreatId is null || !(paceMps > 0))
        {
            return [];
        }

        return [.. board
            .Where(u => u.UnitId != flagged.UnitId && u.ThreatId == flagged.ThreatId && u.Role is UnitRole.Contact or UnitRole.Unassigned
                && u.Flag == FlagLevel.None && u.Alarm is null && u.State is not (MotionState.Arrived or MotionState.Stale or MotionState.Closing)
                && (u.PathDistanceM ?? u.DistanceM) is not null)
            .Select(u =>
            {
                var walk = u.PathDistanceM ?? u.DistanceM!.Value;
                return new SendCandidate(u.UnitId, u.Callsign, Math.Round(walk, 1), Math.Round(walk / paceMps, 1), u.PathDistanceM is not null);
            })
            .OrderBy(c => c.EtaS).ThenBy(c => c.UnitId, StringComparer.Ordinal)
            .Take(MaxCandidates)];
    }
}

/// <summary>A unit that could be sent in instead, with its time to the threat.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Callsign">Its callsign.</param>
/// <param name="WalkM">Metres to the threat: along the walk graph when <paramref name="AlongGraph"/>, otherwise the straight line.</param>
/// <param name="EtaS">Seconds to the threat at the stated pace.</param>
/// <param name="AlongGraph">Whether the distance follows the site's walk graph.</param>
[GenerateSerializer, Immutable]
public sealed record SendCandidate(string UnitId, string Callsign, double WalkM, double EtaS, bool AlongGraph);
