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
    private readonly ConcurrentDictionary<string, bool> unreadable = new();
    private readonly ConcurrentDictionary<string, bool> unwritable = new();

    /// <summary>Makes appends to an incident's recording fail (true, storage down with no spill) or work again.</summary>
    public void Unwritable(string incidentId, bool failing)
    {
        if (failing)
        {
            unwritable[incidentId] = true;
        }
        else
        {
            unwritable.TryRemove(incidentId, out _);
        }
    }
    private readonly List<(string IncidentId, Func<IReadOnlyList<IncidentEvent>, bool> Wanted, TaskCompletionSource Seen)> waiters = [];

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
        if (unwritable.ContainsKey(incidentId))
        {
            return ValueTask.FromException(new IOException($"the recording of {incidentId} cannot be written (test)"));
        }

        var session = sessions.GetOrAdd(incidentId, _ => []);
        lock (session)
        {
            session.AddRange(events);
        }

        lock (waiters)
        {
            foreach (var waiter in waiters.Where(w => w.IncidentId == incidentId && w.Wanted(Events(incidentId))).ToList())
            {
                waiters.Remove(waiter);
                waiter.Seen.SetResult();
            }
        }

        return holds.TryGetValue(incidentId, out var hold) ? new ValueTask(hold.Task) : ValueTask.CompletedTask;
    }

    public ValueTask SnapshotAsync(string incidentId, IncidentSnapshot snapshot, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>Every event recorded after the sequence (this log keeps no snapshots, so it never offers one).</summary>
    public ValueTask<SessionTail> ReadTailAsync(string incidentId, long afterSequence, CancellationToken cancellationToken = default) =>
        unreadable.ContainsKey(incidentId)
            ? ValueTask.FromException<SessionTail>(new IOException($"the recording of {incidentId} cannot be read (test)"))
            : ValueTask.FromResult(new SessionTail(null, [.. Events(incidentId).Where(e => e.Sequence > afterSequence)]));

    /// <summary>Makes reading an incident's recording fail (true) or work again (false).</summary>
    public void Unreadable(string incidentId, bool failing)
    {
        if (failing)
        {
            unreadable[incidentId] = true;
        }
        else
        {
            unreadable.TryRemove(incidentId, out _);
        }
    }

    /// <summary>Completes once the incident's events handed to this log (held or not) satisfy <paramref name="wanted"/>.</summary>
    public Task HandedOverAsync(string incidentId, Func<IReadOnlyList<IncidentEvent>, bool> wanted)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiters)
        {
            if (wanted(Events(incidentId)))
            {
                return Task.CompletedTask;
            }

            waiters.Add((incidentId, wanted, seen));
        }

        return seen.Task;
    }

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
