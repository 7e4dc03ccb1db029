using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Recording;
using Command.Recording.Replay;

namespace Command.Recording.Tests.Scenarios;

/// <summary>
/// Records the way the incident grain does: each input event is sequenced and folded, its derived events are
/// sequenced right after it, all are appended through the session log, and a keyframe is taken every
/// <c>keyframeEvery</c> inputs.
/// </summary>
public sealed class GrainLikeRecorder(ISessionLog log, string incidentId, int keyframeEvery = 0)
{
    private long sequence;
    private int inputs;

    public IncidentProjection Projection { get; } = new();

    public List<IncidentEvent> Recorded { get; } = [];

    public async Task RecordAsync(IEnumerable<IncidentEvent> inputEvents)
    {
        foreach (var input in inputEvents)
        {
            var sequenced = input with { Sequence = ++sequence };
            var derived = DerivedEvents.Sequence(sequenced, Projection.Apply(sequenced), Projection.Clock);
            sequence += derived.Count;
            IncidentEvent[] batch = [sequenced, .. derived];
            await log.AppendAsync(incidentId, batch, TestContext.Current.CancellationToken);
            Recorded.AddRange(batch);
            if (keyframeEvery > 0 && ++inputs % keyframeEvery == 0)
            {
                await log.KeyframeAsync(incidentId, Projection.Capture(), TestContext.Current.CancellationToken);
            }
        }
    }
}
