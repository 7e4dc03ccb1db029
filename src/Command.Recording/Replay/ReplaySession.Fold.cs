using Command.Domain.Incidents;
using Command.Domain.Events;

namespace Command.Recording.Replay;

public sealed partial class ReplaySession
{
    private async Task<List<IncidentEvent>> FoldUntilAsync(DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var applied = new List<IncidentEvent>();
        while (next is not null && next.Time <= instant)
        {
            var e = await TakeAsync(cancellationToken);
            if (!e.IsDerived)
            {
                Fold(e, applied);
            }
        }

        return applied;
    }

    private void Fold(IncidentEvent input, List<IncidentEvent> applied)
    {
        applied.Add(input);
        applied.AddRange(DerivedEvents.Sequence(input, Projection.Apply(input), Projection.Clock));
    }

    private async Task<IncidentEvent> TakeAsync(CancellationToken cancellationToken)
    {
        var taken = next!;
        next = await events!.MoveNextAsync() ? events.Current : null;
        cancellationToken.ThrowIfCancellationRequested();
        return taken;
    }
}
