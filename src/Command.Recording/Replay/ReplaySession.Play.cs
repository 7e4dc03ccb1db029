using System.Runtime.CompilerServices;
using Command.Domain.Events;

namespace Command.Recording.Replay;

public sealed partial class ReplaySession
{
    /// <summary>
    /// Plays while the caller listens: every <paramref name="frameInterval"/> of the time provider's time, yields a
    /// frame with what changed. Paused, it yields nothing; it ends with the session or the token.
    /// </summary>
    public async IAsyncEnumerable<ReplayFrame> RunAsync(TimeSpan frameInterval, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (!AtEnd)
        {
            await Task.Delay(frameInterval, time, cancellationToken);
            var frame = await AdvanceAsync(cancellationToken);
            if (frame.Applied.Count > 0 || frame.AtEnd)
            {
                yield return frame;
            }
        }
    }

    /// <summary>Flags and commands (threats, phases, roles, drill controls) of the whole session, for timeline markers.</summary>
    public Task<IReadOnlyList<IncidentEvent>> TimelineAsync(CancellationToken cancellationToken = default) =>
        reader.ReadTimelineAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (events is not null)
        {
            await events.DisposeAsync();
        }
    }
}
