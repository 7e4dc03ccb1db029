using System.Collections.Immutable;

namespace Command.Host.Drills;

/// <summary>The incidents whose drills run (or are paused) across the cluster, so every host can keep them running. Keyed <see cref="Key"/>.</summary>
public interface IDrillRoster : IGrainWithStringKey
{
    const string Key = "all";

    Task Running(string incidentId);

    Task Ended(string incidentId);

    Task<ImmutableArray<string>> List();
}

public sealed class DrillRoster([PersistentState("drills", Command.Grains.GrainStorage.Durable)] IPersistentState<DrillRosterState> state) : Grain, IDrillRoster
{
    public async Task Running(string incidentId)
    {
        if (state.State.Incidents.Add(incidentId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task Ended(string incidentId)
    {
        if (state.State.Incidents.Remove(incidentId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<string>> List() => Task.FromResult(state.State.Incidents.Order(StringComparer.Ordinal).ToImmutableArray());
}

[GenerateSerializer]
public sealed class DrillRosterState
{
    [Id(0)]
    public HashSet<string> Incidents { get; set; } = new(StringComparer.Ordinal);
}
