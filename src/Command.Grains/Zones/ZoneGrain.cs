namespace Command.Grains.Zones;

/// <summary>Keeps the latest reading of a zone its incident told it.</summary>
public sealed class ZoneGrain([PersistentState("zone", GrainStorage.Name)] IPersistentState<ZoneGrainState> state) : Grain, IZoneGrain
{
    public async Task Tell(ZoneReading reading)
    {
        if (state.State.Reading is { } current && reading.AsOf < current.AsOf)
        {
            return;
        }

        state.State.Reading = reading;
        await state.WriteStateAsync();
    }

    public Task<ZoneReading?> Get() => Task.FromResult(state.State.Reading);
}
