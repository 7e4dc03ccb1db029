namespace Command.Host.Replays;

// How a replay keeps the list of open replays (IReplayRoster) told where it is.
public sealed partial class ReplayGrain
{
    private IReplayRoster Roster => GrainFactory.GetGrain<IReplayRoster>(IReplayRoster.Key);

    // The roster is a read side: a replay that cannot tell it (its silo going down) plays on all the same, and tells it
    // again when it next saves its place, within a minute.
    private async Task ListAsync(ReplayListing listing)
    {
        try
        {
            await Roster.Listed(listing);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotListed(logger, ex, ReplayId, listing.Status.IncidentId);
        }
    }
}
