using System.Collections.Immutable;
using Command.Grains.Zones;

namespace Command.Grains.Incidents;

/// <summary>Keeps the zone grains told who is inside them, from the incident's own fold of its reports.</summary>
public sealed partial class IncidentGrain
{
    private readonly Dictionary<string, ImmutableArray<ZoneOccupant>> zonesSent = new(StringComparer.Ordinal);

    private Task SyncZonesAsync()
    {
        if (projection.Occupancy is not { } occupancy)
        {
            return Task.CompletedTask;
        }

        var calls = new List<Task>();
        foreach (var zone in occupancy.Zones)
        {
            var now = occupancy.Occupants(zone.ZoneId)
                .OrderBy(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal)
                .Select(o => new ZoneOccupant(o.Key, o.Value)).ToImmutableArray();
            if (zonesSent.TryGetValue(zone.ZoneId, out var sent) && sent.SequenceEqual(now))
            {
                continue;
            }

            zonesSent[zone.ZoneId] = now;
            calls.Add(GrainFactory.GetGrain<IZoneGrain>(ZoneKey.Format(IncidentId, zone.ZoneId)).Occupy(now, projection.LastSequence));
        }

        return Task.WhenAll(calls);
    }
}
