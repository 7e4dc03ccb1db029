using Command.Domain.Events;

namespace Command.Recording.Replay;

public sealed partial class ReplaySession
{
    // Folds every recorded event up to the instant through the stream, then lets the stream's clock tick on to it
    // as live did between inputs.
    private async Task<List<IncidentEvent>> FoldUntilAsync(DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var applied = new List<IncidentEvent>();
        while (next is not null && next.Time <= instant)
        {
            Stream.Replay(await TakeAsync(cancellationToken), applied);
        }

        Stream.ReplayTo(instant, applied);
        return applied;
    }

    private async Task<IncidentEvent> TakeAsync(CancellationToken cancellationToken)
    {
        var taken = next!;
        next = await events!.MoveNextAsync() ? events.Current : null;
        cancellationToken.ThrowIfCancellationRequested();
        return taken;
    }
}
