namespace Command.Domain.Assessment;

/// <summary>
/// When each unit's judgement, and the zones', is next due on a clock tick: the earliest incident time at which the
/// passage of time alone can change it, <see cref="DateTimeOffset.MinValue"/> for the next tick (something changed
/// when it was last judged), <see cref="DateTimeOffset.MaxValue"/> for never (until an input). A tick before
/// <see cref="Next"/> has nothing to judge. Kept by <see cref="ClosingAssessment"/> alone.
/// </summary>
internal sealed class JudgementsDue
{
    private readonly Dictionary<string, DateTimeOffset> units = new(StringComparer.Ordinal);

    /// <summary>True until every unit and zone has been judged since the assessment was made or restored, or the threats moved.</summary>
    public bool Everything { get; private set; } = true;

    /// <summary>When the zones' rules are next due.</summary>
    public DateTimeOffset Zones { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>No later than the earliest due time of any unit or the zones: a tick before it has nothing to judge.</summary>
    public DateTimeOffset Next { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>True when the unit is due at <paramref name="now"/>; a unit never judged is.</summary>
    public bool IsDue(string unitId, DateTimeOffset now) => !units.TryGetValue(unitId, out var due) || due <= now;

    /// <summary>Sets when a unit is next due.</summary>
    public void UnitAt(string unitId, DateTimeOffset due)
    {
        units[unitId] = due;
        Next = due < Next ? due : Next;
    }

    /// <summary>Sets when the zones are next due.</summary>
    public void ZonesAt(DateTimeOffset due)
    {
        Zones = due;
        Next = due < Next ? due : Next;
    }

    /// <summary>Everything is due at the next tick: its state was replaced, or the threats it is judged against moved.</summary>
    public void All()
    {
        units.Clear();
        Everything = true;
        Zones = Next = DateTimeOffset.MinValue;
    }

    /// <summary>Every unit and the zones were just judged, and their due times set: <see cref="Next"/> is their earliest.</summary>
    public void Judged()
    {
        Everything = false;
        var next = Zones;
        foreach (var due in units.Values)
        {
            next = due < next ? due : next;
        }

        Next = next;
    }
}
