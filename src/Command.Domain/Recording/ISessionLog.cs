using Command.Domain.Events;
using Command.Domain.Incidents;

namespace Command.Domain.Recording;

/// <summary>
/// The port through which an incident records its event stream. The recording layer implements it (local
/// disk, Azure Blob Storage); the host wires one in. When <see cref="AppendAsync"/> completes, the events are
/// durable: on storage, or in the local spill that drains to storage when it returns.
/// </summary>
public interface ISessionLog
{
    /// <summary>
    /// Appends events, in sequence order, to the incident's session. Calls are recorded in the order they are
    /// made, even when the caller makes the next before the last completes.
    /// </summary>
    ValueTask AppendAsync(string incidentId, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a snapshot: the folded state after <see cref="IncidentSnapshot.Sequence"/>, so a replay can seek
    /// without reading from the start. Called once the events up to that sequence were handed to
    /// <see cref="AppendAsync"/>; it is stored after them.
    /// </summary>
    ValueTask SnapshotAsync(string incidentId, IncidentSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>
    /// What the session recorded after <paramref name="afterSequence"/>: its latest snapshot when that is later,
    /// and the events after whichever is later, in sequence order; empty when nothing later was recorded. An
    /// incident whose own state lags its recording (after a crash, or with grain state kept in memory across a
    /// restart) folds this to carry on from the last event recorded rather than number events again.
    /// </summary>
    ValueTask<SessionTail> ReadTailAsync(string incidentId, long afterSequence, CancellationToken cancellationToken = default);
}

/// <summary>A session's recorded state past a point: a snapshot to start from (or none), then the events after it.</summary>
public sealed record SessionTail(IncidentSnapshot? Snapshot, IReadOnlyList<IncidentEvent> Events)
{
    public static SessionTail Empty { get; } = new(null, []);

    public bool IsEmpty => Snapshot is null && Events.Count == 0;
}
