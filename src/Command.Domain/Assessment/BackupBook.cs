namespace Command.Domain.Assessment;

/// <summary>
/// Every closing-role unit that could back another up — its distance to its threat and its approach speed —
/// kept current as units are judged. Every unit but the one nearest the threat has another level or ahead of it,
/// so its backup is already there; the book keeps the two nearest units so that answer costs nothing, and only
/// the nearest unit's backup needs a pass over the book.
/// </summary>
internal sealed class BackupBook
{
    private readonly Dictionary<string, int> slots = new(StringComparer.Ordinal);
    private readonly Stack<int> free = new();
    private double[] distances = new double[16];
    private double[] speeds = new double[16];
    private bool[] used = new bool[16];
    private int count;

    // The nearest and second-nearest slots, or -1; worked out again only when one of them moves back or leaves.
    private int first = -1;
    private int second = -1;
    private bool leadersKnown;

    /// <summary>True until rebuilt from the units, after a snapshot is restored or the threats move.</summary>
    public bool Stale { get; set; } = true;

    public void Set(string unitId, double distanceM, double speedMps)
    {
        if (!slots.TryGetValue(unitId, out var slot))
        {
            slot = free.Count > 0 ? free.Pop() : Grow();
            slots[unitId] = slot;
        }
        else if (leadersKnown && (slot == first || slot == second) && distanceM > distances[slot])
        {
            leadersKnown = false;
        }

        (distances[slot], speeds[slot], used[slot]) = (distanceM, speedMps, true);
        if (leadersKnown)
        {
            Rank(slot);
        }
    }

    public void Remove(string unitId)
    {
        if (slots.Remove(unitId, out var slot))
        {
            used[slot] = false;
            free.Push(slot);
            leadersKnown &= slot != first && slot != second;
        }
    }

    public void Clear()
    {
        slots.Clear();
        free.Clear();
        Array.Clear(used);
        count = 0;
        leadersKnown = false;
    }

    /// <summary>
    /// The backup's ETA for a unit: the soonest any other one comes level with it (reaches its distance from the
    /// threat), so zero when another unit is already level or ahead; null when there is no other.
    /// </summary>
    public double? For(string unitId, double distanceM)
    {
        var self = slots.TryGetValue(unitId, out var s) ? s : -1;
        FindLeaders();
        var nearestOther = first != self ? first : second;
        if (nearestOther < 0)
        {
            return null;
        }

        if (distances[nearestOther] <= distanceM)
        {
            return 0;
        }

        var best = double.PositiveInfinity;
        for (var i = 0; i < count; i++)
        {
            if (used[i] && i != self)
            {
                var eta = Math.Max(0, distances[i] - distanceM) / speeds[i];
                best = eta < best ? eta : best;
            }
        }

        return best;
    }

    private void FindLeaders()
    {
        if (leadersKnown)
        {
            return;
        }

        (first, second, leadersKnown) = (-1, -1, true);
        for (var i = 0; i < count; i++)
        {
            if (used[i])
            {
                Rank(i);
            }
        }
    }

    /// <summary>Places a slot that did not move back among the two nearest, if it belongs there.</summary>
    private void Rank(int slot)
    {
        if (slot == first)
        {
            return;
        }

        if (slot == second)
        {
            if (distances[slot] < distances[first])
            {
                (first, second) = (slot, first);
            }

            return;
        }

        if (first < 0 || distances[slot] < distances[first])
        {
            (first, second) = (slot, first);
        }
        else if (second < 0 || distances[slot] < distances[second])
        {
            second = slot;
        }
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
