using Command.Grains;

namespace Command.Host.Ingest;

/// <summary>
/// A host's last pulse, saved at each: the grain may live on the very host that stops, and the host that records its
/// leaving reads the pulse from storage then.
/// </summary>
public sealed class HostPulseGrain([PersistentState("pulse", GrainStorage.Name)] IPersistentState<HostPulseState> state) : Grain, IHostPulseGrain
{
    public async Task Beat(int generation, DateTimeOffset at)
    {
        // A pulse overtaken by a later one, or by a later run's, does not take the host back.
        var saved = state.State;
        if (saved.Generation > generation || (saved.Generation == generation && saved.At >= at))
        {
            return;
        }

        state.State = new HostPulseState { Generation = generation, At = at };
        await state.WriteStateAsync();
    }

    public Task<DateTimeOffset?> LastHeard(int generation) =>
        Task.FromResult(state.State is { At: { } at } saved && saved.Generation == generation ? at : (DateTimeOffset?)null);
}

/// <summary>A host's last pulse: which run of it, and when.</summary>
[GenerateSerializer]
public sealed class HostPulseState
{
    [Id(0)]
    public int Generation { get; set; }

    [Id(1)]
    public DateTimeOffset? At { get; set; }
}
