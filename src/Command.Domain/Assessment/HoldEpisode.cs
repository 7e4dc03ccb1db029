using System.Collections.Immutable;

namespace Command.Domain.Assessment;

/// <summary>
/// One hold of a unit (or a retreat, or a fall back from contact), from its start until the unit makes real
/// progress toward the threat again, arrives, is reassigned or the threat stops being active. It raises at most one
/// flag, which may escalate and clears once.
/// </summary>
/// <param name="Since">When the unit last made progress (or was last in contact) before the hold.</param>
/// <param name="HeldM">The smoothed distances at the latest fixes that still showed the hold, oldest first: their median is where progress is counted from, so a burst of outliers cannot move it.</param>
/// <param name="FellBack">The hold began with the unit falling back from contact: judged as moving away.</param>
/// <param name="WalkedOff">The unit fell back by its own receiver's word: the walk it said it made from contact (east, north, metres).</param>
/// <param name="HeldOutside">The hold began outside the threat's building, where the threat is in one: going in is progress, and the unit then arrives allowing for its noise, as one in no hold does.</param>
/// <param name="SaidStill">The hold began on the unit's own word that it stands still, before its fixes showed it: borne out by its silence, or said by its receiver's speed for 10 s outdoors.</param>
/// <param name="StoppedAtM">Where the unit stood when the hold began: the held distances move with a unit that walks back and stands again, this does not. Null in holds remembered from before it was kept.</param>
public sealed record HoldEpisode(DateTimeOffset Since, ImmutableArray<double> HeldM, bool FellBack = false, bool SaidStill = false, bool HeldOutside = false, Geometry.LocalPoint? WalkedOff = null,
    double? StoppedAtM = null)
{
    /// <summary>Held distances remembered: seven, so that three outliers in a row are still a minority.</summary>
    public const int Kept = 7;

    /// <summary>Where the unit held: the median of the remembered distances.</summary>
    public double HeldAtM => MedianOfLatest(Kept);

    /// <summary>
    /// Where a unit moving away turned: the median of the latest three remembered distances. They are already the middle
    /// of the unit's fixes of 10 s (three at least), which one wild fix does not move; the median of five lagged a slow
    /// device's retreat by two of them more, and a radio every 20 s that turned back 280 m out was judged from 248 m, its
    /// flag cleared a fix after the third from the turn. A unit that fell back from contact is judged from the latest
    /// five: indoors its fixes scatter as far as it walked, and from three, falls back were now and then cleared on that
    /// scatter while the unit still stood down the hallway.
    /// </summary>
    public double TurnedAtM => MedianOfLatest(FellBack ? FellBackTurnedFrom : TurnedFrom);

    private const int TurnedFrom = 3;
    private const int FellBackTurnedFrom = 5;

    // Judged on every fix of a unit in a hold: sorted on the stack, not in a new array each time.
    private double MedianOfLatest(int count)
    {
        var n = Math.Min(count, HeldM.Length);
        if (n == 0)
        {
            return double.NaN;
        }

        Span<double> sorted = stackalloc double[n];
        HeldM.AsSpan(HeldM.Length - n, n).CopyTo(sorted);
        sorted.Sort();
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>The hold, still showing at <paramref name="distanceM"/>.</summary>
    public HoldEpisode HeldAt(double distanceM) =>
        this with { HeldM = HeldM.Length < Kept ? HeldM.Add(distanceM) : HeldM.RemoveAt(0).Add(distanceM) };
}
