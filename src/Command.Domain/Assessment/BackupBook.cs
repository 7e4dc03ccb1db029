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
    private bool[] closing = new bool[16];
    private bool[] used = new bool[16];
    private int count;

    // The nearest and second-nearest slots, or -1; worked out again only when one of them moves back or leaves.
    private int first = -1;
    private int second = -1;
    private bool leadersKnown;

    /// <summary>True until rebuilt from the units, after a snapshot is restored or the threats move.</summary>
    public bool Stale { get; set; } = true;

    /// <summary>Puts a unit in the book: its distance, the speed it would come level at, and whether it is closing now.</summary>
    public void Set(string unitId, double distanceM, double speedMps, bool closingNow)
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

        (distances[slot], speeds[slot], closing[slot], used[slot]) = (distanceM, speedMps, closingNow, true);
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
    /// threat), so zero when another unit is already level or ahead; null when there is no other. With it, how far
    /// behind that unit is and whether it is closing: one that is not comes level that soon only if it moves up.
    /// </summary>
    public BackupEta? For(string unitId, double distanceM)
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
            return new BackupEta(0, 0, true);
        }

        var (best, from) = (double.PositiveInfinity, -1);
        for (var i = 0; i < count; i++)
        {
            if (used[i] && i != self)
            {
                var eta = Math.Max(0, distances[i] - distanceM) / speeds[i];
                (best, from) = eta < best ? (eta, i) : (best, from);
            }
        }

        return new BackupEta(best, distances[from] - distanceM, closing[from]);
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
            Array.Resize(ref closing, count * 2);
            Array.Resize(ref used, count * 2);
        }

        return count++;
    }
}

/// <summary>
/// The soonest another closing-role unit comes level with one: in how many seconds, how far behind it is now, and whether
/// it is closing (one holding comes level that soon only if it moves up, at the assumed approach speed).
/// </summary>
internal readonly record struct BackupEta(double Seconds, double BehindM, bool Closing);
