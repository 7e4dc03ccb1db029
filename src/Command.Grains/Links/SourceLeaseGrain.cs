namespace Command.Grains.Links;

/// <summary>
/// Keeps which host holds a source, and how it stands there. The holder and its term are written to durable storage when the holder changes
/// (not on each renewal): where the grain's own host dies, its next activation takes the holder to hold the source for
/// a whole term from then, so that no other host connects while the holder, still up, renews.
/// </summary>
public sealed class SourceLeaseGrain([PersistentState("lease", GrainStorage.Durable)] IPersistentState<SourceLeaseState> state, TimeProvider clock)
    : Grain, ISourceLeaseGrain
{
    private SourceHold? hold;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        hold = state.State.Holder is { } holder ? new SourceHold(holder, state.State.Term, clock.GetUtcNow() + state.State.Term) : null;
        return Task.CompletedTask;
    }

    public async Task<SourceHolder?> Hold(string holder, TimeSpan term, string? down = null)
    {
        hold = SourceHold.Ask(hold, holder, term, clock.GetUtcNow(), down);
        if (hold.Holder != holder)
        {
            return new SourceHolder(hold.Holder, hold.Down);
        }

        await SaveAsync();
        return null;
    }

    public async Task LetGo(string holder)
    {
        hold = SourceHold.LetGo(hold, holder);
        await SaveAsync();
    }

    // Writes the holder where it, or its term, changed.
    private Task SaveAsync()
    {
        if (state.State.Holder == hold?.Holder && state.State.Term == (hold?.Term ?? TimeSpan.Zero))
        {
            return Task.CompletedTask;
        }

        (state.State.Holder, state.State.Term) = (hold?.Holder, hold?.Term ?? TimeSpan.Zero);
        return state.WriteStateAsync();
    }
}

[GenerateSerializer]
public sealed class SourceLeaseState
{
    [Id(0)]
    public string? Holder { get; set; }

    [Id(1)]
    public TimeSpan Term { get; set; }
}
