using Command.Domain.Geometry;

namespace Command.Domain.Assessment;

/// <summary>A unit's recent fixes in local metres, oldest first, trimmed to what the rate window needs.</summary>
internal sealed class UnitTrack
{
    private readonly List<(DateTimeOffset Time, LocalPoint Point, double? Accuracy)> fixes = [];

    public int Count => fixes.Count;

    public (DateTimeOffset Time, LocalPoint Point, double? Accuracy) Latest => fixes[^1];

    public IReadOnlyList<(DateTimeOffset Time, LocalPoint Point, double? Accuracy)> Fixes => fixes;

    public void Add(DateTimeOffset time, LocalPoint point, double? accuracy, TimeSpan keep, int keepFixes)
    {
        fixes.Add((time, point, accuracy));
        var cutoff = time - keep;
        var drop = 0;
        while (fixes.Count - drop > keepFixes && fixes[drop + 1].Time <= cutoff)
        {
            drop++;
        }

        if (drop > 0)
        {
            fixes.RemoveRange(0, drop);
        }
    }
}
