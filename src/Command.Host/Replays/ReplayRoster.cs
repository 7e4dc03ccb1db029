using System.Collections.Immutable;
using Command.Grains;

namespace Command.Host.Replays;

/// <summary>
/// Keeps the list of open replays where the replays keep their places (memory on one host, Blob in a cluster), so that
/// the list outlives the silo it is on as the replays do.
/// </summary>
public sealed class ReplayRoster([PersistentState("replays", GrainStorage.Durable)] IPersistentState<ReplayRosterState> state) : Grain, IReplayRoster
{
    private Dictionary<string, ReplayListing> Replays => state.State.Replays;

    public async Task Listed(ReplayListing listing)
    {
        Replays[listing.Status.ReplayId] = listing;
        await state.WriteStateAsync();
    }

    public async Task Closed(string replayId)
    {
        if (Replays.Remove(replayId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<ImmutableArray<ReplayListing>> List(DateTimeOffset now)
    {
        var lapsed = Replays.Values.Where(r => r.Place.Lapsed(now)).Select(r => r.Status.ReplayId).ToList();
        if (lapsed.Count > 0)
        {
            lapsed.ForEach(id => Replays.Remove(id));
            await state.WriteStateAsync();
        }

        return [.. Replays.Values.OrderBy(r => r.OpenedAt).ThenBy(r => r.Status.ReplayId, StringComparer.Ordinal)];
    }
}

[GenerateSerializer]
public sealed class ReplayRosterState
{
    [Id(0)]
    public Dictionary<string, ReplayListing> Replays { get; set; } = new(StringComparer.Ordinal);
}
