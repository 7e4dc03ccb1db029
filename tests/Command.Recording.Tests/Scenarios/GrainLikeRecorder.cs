using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Recording;
using Command.Recording.Replay;

namespace Command.Recording.Tests.Scenarios;

/// <summary>
/// Records the way the incident grain does: each input event is folded through an <see cref="IncidentStream"/> at its
/// own time, what it yields is appended through the session log, and a snapshot is stored every
/// <c>snapshotEvery</c> inputs.
/// </summary>
public sealed class GrainLikeRecorder(ISessionLog log, string incidentId, int snapshotEvery = 0)
{
    private int inputs;

    public IncidentStream Stream { get; } = new();

    public IncidentProjection Projection => Stream.Projection;

    public List<IncidentEvent> Recorded { get; } = [];

    public async Task RecordAsync(IEnumerable<IncidentEvent> inputEvents)
    {
        foreach (var input in inputEvents)
        {
            var batch = new List<IncidentEvent>();
            if (input is ClockTicked)
            {
                Stream.Tick(input.Time, batch);
            }
            else
            {
                Stream.Record(input, input.Time, batch);
            }

            if (batch.Count > 0)
            {
                await log.AppendAsync(incidentId, batch, TestContext.Current.CancellationToken);
                Recorded.AddRange(batch);
            }

            if (snapshotEvery > 0 && ++inputs % snapshotEvery == 0)
            {
                await log.SnapshotAsync(incidentId, Stream.Snapshot(), TestContext.Current.CancellationToken);
            }
        }
    }
}
