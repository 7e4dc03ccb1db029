using Command.Domain.Events;

namespace Command.Domain.Assessment;

/// <summary>
/// The holds noted while flags are suppressed: a unit is in the book from the moment its hold would have raised a
/// watch until the hold is over or flags apply again. Each entry and exit is a derived event, so the recording holds
/// who held while flags were suppressed and for how long.
/// </summary>
internal sealed class SuppressedHolds
{
    private readonly Dictionary<string, DateTimeOffset> noted = new(StringComparer.Ordinal);

    /// <summary>False while the incident replays rules this build no longer derives: nothing is noted then.</summary>
    public bool Derives { get; set; } = true;

    public void Note(string subject, DateTimeOffset now, Func<string> reason, List<IncidentEvent> events)
    {
        if (Derives && noted.TryAdd(subject, now))
        {
            events.Add(new SuppressedHoldNoted(subject, reason()) { Time = now });
        }
    }

    public void End(string subject, DateTimeOffset now, Func<string> reason, List<IncidentEvent> events)
    {
        if (Derives && noted.Remove(subject))
        {
            events.Add(new SuppressedHoldEnded(subject, reason()) { Time = now });
        }
    }

    /// <summary>The units whose holds are noted now.</summary>
    public IEnumerable<string> Subjects => noted.Keys;

    public IEnumerable<ConditionSnapshot> Snapshot() => noted.Select(n => new ConditionSnapshot(n.Key, n.Value));

    public void Restore(IEnumerable<ConditionSnapshot> snapshot)
    {
        noted.Clear();
        foreach (var entry in snapshot)
        {
            noted[entry.Subject] = entry.Since;
        }
    }
}
