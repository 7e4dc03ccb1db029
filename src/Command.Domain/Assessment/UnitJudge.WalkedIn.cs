namespace Command.Domain.Assessment;

/// <summary>
/// A unit in a hold that walks in again, heard from its own receiver. Walking into a building, its fixes scatter 20-40
/// m and may put it further than where it held for the 30 s its flag should take to clear; outdoors, a burst of
/// multipath does the same. Its receiver says how fast it closes at each report (see <see cref="SaidClosingMps"/>):
/// added up over the walk, each report's closing speed over the time to the next, that is how far it walked toward the
/// threat, with an error that grows only with the square root of the reports — progress, measured.
/// </summary>
internal sealed partial class UnitJudge
{
    /// <summary>
    /// How far the unit's reports since <paramref name="sinceS"/> (seconds on <paramref name="t"/>), within the last
    /// minute, add up to toward the threat: the longest such walk to the latest report that is five times its own error.
    /// Null where there is none, or where a report on the way said no velocity, stood too near the threat for its
    /// bearing, or came after a silence.
    /// </summary>
    private double? WalkedIn(ThreatTarget target, Span<double> t, Span<double> sigma, double noiseM, double sinceS)
    {
        var fixes = Track.Fixes;
        sinceS = Math.Max(sinceS, t[^1] - WalkWindowS);
        var sd = BuildingId is null ? VelocityErrorMps : IndoorVelocityErrorMps;
        var walked = 0.0;
        var spread = default(WalkSpread);
        double? longest = null;
        var next = fixes.Count < 2 || t[^2] < sinceS ? null : SaidClosingMps(target, t, sigma, fixes.Count - 1, noiseM);
        for (var j = fixes.Count - 2; j >= 0 && t[j] >= sinceS && next is { } after; j--)
        {
            var gap = t[j + 1] - t[j];
            if (gap > LearnedSilenceS || SaidClosingMps(target, t, sigma, j, noiseM) is not { } closing)
            {
                break;
            }

            walked += (closing + after) * (gap / 2);
            next = closing;
            if (walked >= WalkErrors * sd * spread.Add(gap) && walked > (longest ?? 0))
            {
                longest = walked;
            }
        }

        return longest;
    }
}
