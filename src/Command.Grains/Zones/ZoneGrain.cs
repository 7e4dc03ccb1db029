using System.Collections.Immutable;
using Command.Domain.Sites;

namespace Command.Grains.Zones;

/// <summary>Owns who is inside a zone and since when.</summary>
public sealed class ZoneGrain([PersistentState("zone", GrainStorage.Name)] IPersistentState<ZoneGrainState> state) : Grain, IZoneGrain
{
    public async Task Define(Zone zone)
    {
        state.State.Zone = zone;
        await state.WriteStateAsync();
    }

    public async Task Occupy(ImmutableArray<ZoneOccupant> occupants, long asOf)
    {
        if (asOf < state.State.AsOf)
        {
            return;
        }

        state.State.Occupants = occupants.ToDictionary(o => o.UnitId, o => o.Since, StringComparer.Ordinal);
        state.State.AsOf = asOf;
        await state.WriteStateAsync();
    }

    public Task<ZoneOccupancyView?> Get() => Task.FromResult(state.State.Zone is { } zone
        ? new ZoneOccupancyView(zone, [.. state.State.Occupants.OrderBy(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal).Select(o => new ZoneOccupant(o.Key, o.Value))])
        : null);
}
