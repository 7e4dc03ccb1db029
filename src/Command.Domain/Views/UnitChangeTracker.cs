using Command.Domain.Assessment;

namespace Command.Domain.Views;

/// <summary>
/// Remembers what a view was last sent for each unit and picks out what changed, so a frame carries only the
/// units whose picture moved. Used by live incidents and by replays alike.
/// </summary>
public sealed class UnitChangeTracker
{
    private readonly Dictionary<string, UnitAssessment> sent = new(StringComparer.Ordinal);

    /// <summary>The candidates that differ from what was last sent; remembers them as sent.</summary>
    public List<UnitAssessment> Changed(IEnumerable<UnitAssessment> candidates)
    {
        var changed = new List<UnitAssessment>();
        foreach (var unit in candidates)
        {
            if (!sent.TryGetValue(unit.UnitId, out var previous) || previous != unit)
            {
                sent[unit.UnitId] = unit;
                changed.Add(unit);
            }
        }

        return changed;
    }

    /// <summary>Forgets everything: the next call treats every unit as changed (after a seek, say).</summary>
    public void Reset() => sent.Clear();
}
