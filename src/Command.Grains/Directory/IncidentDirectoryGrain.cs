using System.Collections.Immutable;

namespace Command.Grains.Directory;

/// <summary>Keeps the list of incidents in grain storage.</summary>
public sealed class IncidentDirectoryGrain([PersistentState("directory", GrainStorage.Name)] IPersistentState<IncidentDirectoryState> state)
    : Grain, IIncidentDirectoryGrain
{
    public async Task Register(IncidentListing listing)
    {
        state.State.Incidents[listing.IncidentId] = listing;
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<IncidentListing>> List() =>
        Task.FromResult(state.State.Incidents.Values.OrderBy(i => i.OpenedAt).ThenBy(i => i.IncidentId, StringComparer.Ordinal).ToImmutableArray());
}

[GenerateSerializer]
public sealed class IncidentDirectoryState
{
    [Id(0)]
    public Dictionary<string, IncidentListing> Incidents { get; set; } = new(StringComparer.Ordinal);
}
