using System.Collections.Concurrent;

namespace Command.Fuzz.Live;

/// <summary>What the senders saw, counted by name ("sent", an HTTP outcome, a connection error), safe to add to from any sender.</summary>
public sealed class LiveTally
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public void Add(string outcome) => counts.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    public long this[string outcome] => counts.GetValueOrDefault(outcome);

    /// <summary>Every outcome and its count, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Counts() => [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)];
}
