namespace Command.Domain.Assessment;

/// <summary>
/// Every closing-role unit that could back another up — its distance to its threat and its approach speed —
/// kept current as units are judged, so looking up a backup is one pass over two arrays of numbers instead of
/// re-measuring every unit for every fix (quadratic in the units of a busy incident).
/// </summary>
internal sealed class BackupBook
{
    private readonly Dictionary<string, int> slots = new(StringComparer.Ordinal);
    private readonly Stack<int> free = new();
    private double[] distances = new double[16];
    private double[] speeds = new double[16];
    private bool[] used = new bool[16];
    private int count;

    /// <summary>True until rebuilt from the units, after a keyframe is restored or the threats move.</summary>
    public bool Stale { get; set; } = true;

    public void Set(string unitId, double distanceM, double speedMps)
    {
        if (!slots.TryGetValue(unitId, out var slot))
        {
            slot = free.Count > 0 ? free.Pop() : Grow();
            slots[unitId] = slot;
        }

        (distances[slot], speeds[slot], used[slot]) = (distanceM, speedMps, true);
    }

    public void Remove(string unitId)
    {
        if (slots.Remove(unitId, out var slot))
        {
            used[slot] = false;
            free.Push(slot);
        }
    }

    public void Clear()
    {
        slots.Clear();
        free.Clear();
        Array.Clear(used);
        count = 0;
    }

    /// <summary>
    /// The backup's ETA for a unit: the soonest any other one comes level with it (reaches its distance from the
    /// threat), so zero when another unit is already level or ahead; null when there is no other.
    /// </summary>
    public double? For(string unitId, double distanceM)
    {
        var self = slots.TryGetValue(unitId, out var s) ? s : -1;
        var best = double.PositiveInfinity;
        for (var i = 0; i < count; i++)
        {
            if (used[i] && i != self)
            {
                var eta = Math.Max(0, distances[i] - distanceM) / speeds[i];
                best = eta < best ? eta : best;
            }
        }

        return double.IsPositiveInfinity(best) ? null : best;
    }

    private int Grow()
    {
        if (count == used.Length)
        {
            Array.Resize(ref distances, count * 2);
            Array.Resize(ref speeds, count * 2);
            Array.Resize(ref used, count * 2);
        }

        return count++;
    }
}
