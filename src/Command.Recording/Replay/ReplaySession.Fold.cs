using Command.Domain.Events;
using Command.Recording.Reading;

namespace Command.Recording.Replay;

public sealed partial class ReplaySession
{
    // Folds every recorded event up to the instant through the stream, then lets the stream's clock tick on to it
    // as live did between inputs; a damaged line stops it at the last event before, and it says the instant it reached.
    private async Task<(List<IncidentEvent> Applied, DateTimeOffset Reached)> FoldUntilAsync(DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var applied = new List<IncidentEvent>();
        while (next is not null && next.Time <= instant)
        {
            Stream.Replay(await TakeAsync(cancellationToken), applied);
        }

        var reached = damage is not null && damagedAfter < instant ? damagedAfter : instant;
        Stream.ReplayTo(reached, applied);
        return (applied, reached);
    }

    private async Task<IncidentEvent> TakeAsync(CancellationToken cancellationToken)
    {
        var taken = next!;
        damagedAfter = taken.Time;
        next = await ReadNextAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return taken;
    }

    // The next event recorded, or none where the recording ends or a damaged line ends what can be read of it.
    private async Task<IncidentEvent?> ReadNextAsync()
    {
        try
        {
            if (await events!.MoveNextAsync())
            {
                nextAt = events.Current.At;
                return events.Current.Event;
            }

            return null;
        }
        catch (RecordingUnreadableException ex)
        {
            damage = ex;
            return null;
        }
    }
}
