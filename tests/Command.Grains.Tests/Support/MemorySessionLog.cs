using System.Collections.Concurrent;
using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Recording;

namespace Command.Grains.Tests.Support;

/// <summary>A session log that keeps every incident's events in memory, for asserting what was recorded.</summary>
public sealed class MemorySessionLog : ISessionLog
{
    private readonly ConcurrentDictionary<string, List<IncidentEvent>> sessions = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> holds = new();

    /// <summary>Keeps appends to an incident from completing (they are kept, in order) until <see cref="Release"/>.</summary>
    public void Hold(string incidentId) => holds[incidentId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string incidentId)
    {
        if (holds.TryRemove(incidentId, out var hold))
        {
            hold.SetResult();
        }
    }

    public ValueTask AppendAsync(string incidentId, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken = default)
    {
        var session = sessions.GetOrAdd(incidentId, _ => []);
        lock (session)
        {
            session.AddRange(events);
        }

        return holds.TryGetValue(incidentId, out var hold) ? new ValueTask(hold.Task) : ValueTask.CompletedTask;
    }

    public ValueTask KeyframeAsync(string incidentId, ProjectionSnapshot snapshot, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>Every event recorded after the sequence (this log keeps no keyframes, so it never offers one).</summary>
    public ValueTask<SessionTail> ReadTailAsync(string incidentId, long afterSequence, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new SessionTail(null, [.. Events(incidentId).Where(e => e.Sequence > afterSequence)]));

    public IReadOnlyList<IncidentEvent> Events(string incidentId)
    {
        if (!sessions.TryGetValue(incidentId, out var session))
        {
            return [];
        }

        lock (session)
        {
            return [.. session];
        }
    }
}
