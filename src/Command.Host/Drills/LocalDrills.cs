using System.Collections.Concurrent;

namespace Command.Host.Drills;

/// <summary>The drill grains active on this host, so that a host that stops hands its drills over before its silo goes.</summary>
public sealed class LocalDrills
{
    private readonly ConcurrentDictionary<string, IDrillGrain> drills = new(StringComparer.Ordinal);

    public void Add(string incidentId, IDrillGrain drill) => drills[incidentId] = drill;

    public void Remove(string incidentId) => drills.TryRemove(incidentId, out _);

    public IReadOnlyCollection<IDrillGrain> All => [.. drills.Values];
}
