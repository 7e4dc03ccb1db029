using Command.Domain.Reports;

namespace Command.Domain.Validation;

/// <summary>
/// Which units' device clocks are shown right by their own fixes: a unit whose latest accepted fix arrived within the
/// allowed clock skew of the time it gives. A fix of such a unit out of order is an old fix sent late, not a slow clock.
/// Held in memory only: after a restart a unit's clock is shown right again by its next fix on time.
/// </summary>
public sealed class UnitClocksShown
{
    private readonly HashSet<string> onTime = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a fix heard at <paramref name="heardAt"/> arrived within the allowed skew of the time its device gave it: a
    /// fix put right for a clock found off shows that clock off, not right.
    /// </summary>
    public static bool OnTime(PositionReport report, DateTimeOffset heardAt, ValidationOptions options) =>
        (heardAt - report.FixTime.AddSeconds(-(report.ClockCorrectionS ?? 0))).Duration() <= options.MaxFutureSkew;

    /// <summary>Whether the unit's latest accepted fix arrived on time.</summary>
    public bool Right(string unitId) => onTime.Contains(unitId);

    /// <summary>Notes a fix taken as the unit's latest, heard at <paramref name="heardAt"/>.</summary>
    public void Took(PositionReport report, DateTimeOffset heardAt, ValidationOptions options)
    {
        if (OnTime(report, heardAt, options))
        {
            onTime.Add(report.UnitId);
        }
        else
        {
            onTime.Remove(report.UnitId);
        }
    }

    /// <summary>The units of a batch heard at <paramref name="heardAt"/> with a fix in it that arrived on time.</summary>
    public static HashSet<string> OnTimeIn(IEnumerable<PositionReport> batch, DateTimeOffset heardAt, ValidationOptions options) =>
        new(batch.Where(r => OnTime(r, heardAt, options)).Select(r => r.UnitId), StringComparer.Ordinal);
}
