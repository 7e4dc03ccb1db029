namespace Command.Domain.AfterAction;

/// <summary>
/// A unit's times away from a place it reached in a round (the threat, the threat's building): away once where it
/// stands has been out of it for a sustained time, timed from the first of those fixes, and back once it stands in it
/// again. A unit scattering at the edge, out for less than the sustained time, never left.
/// </summary>
internal sealed class Absences
{
    // Since when it has stood out of the place, before that was long enough to call it away.
    private DateTimeOffset? outSince;

    /// <summary>Since when it has been away, while it is; null while it is there.</summary>
    public DateTimeOffset? AwaySince { get; private set; }

    /// <summary>Its time away, on the clock units were judged on less its host's downtime (<see cref="RecordedClock"/>), up to its last return (or <see cref="Close"/>).</summary>
    public TimeSpan Total { get; private set; }

    /// <summary>
    /// It stands out of the place at <paramref name="at"/>: when it has stood out for <paramref name="sustained"/>,
    /// gives when it left (the first of those fixes), once; else null.
    /// </summary>
    public DateTimeOffset? Out(DateTimeOffset at, TimeSpan sustained, RecordedClock clock)
    {
        if (AwaySince is not null)
        {
            return null;
        }

        outSince ??= at;
        if (clock.Elapsed(outSince.Value, at) < sustained)
        {
            return null;
        }

        AwaySince = outSince;
        outSince = null;
        return AwaySince;
    }

    /// <summary>It stands neither plainly out nor back in (at the edge): a run out is broken, an absence goes on.</summary>
    public void AtEdge() => outSince = null;

    /// <summary>It stands in the place at <paramref name="at"/>: gives how long it was away, where it was; else null.</summary>
    public TimeSpan? In(DateTimeOffset at, RecordedClock clock)
    {
        outSince = null;
        if (AwaySince is not { } since)
        {
            return null;
        }

        var away = clock.Elapsed(since, at);
        Total += away;
        AwaySince = null;
        return away;
    }

    /// <summary>Its time away up to <paramref name="at"/>: an absence still going on counts up to then.</summary>
    public TimeSpan Until(DateTimeOffset at, RecordedClock clock) =>
        AwaySince is { } since && at > since ? Total + clock.Elapsed(since, at) : Total;

    /// <summary>Its round ends at <paramref name="at"/>: an absence still going on counts up to then, and ends.</summary>
    public void Close(DateTimeOffset at, RecordedClock clock)
    {
        Total = Until(at, clock);
        (AwaySince, outSince) = (null, null);
    }
}
