using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Recording;
using Microsoft.Extensions.Logging;

namespace Command.Grains.Incidents;

/// <summary>
/// Hands an incident's folded batches to its session log in the order they were folded, and stores a snapshot of
/// the fold in the recording every <see cref="IncidentGrainOptions.SnapshotInterval"/> of event time. The log keeps
/// the order it is handed things in, so a batch is handed over before anything else can fold.
/// </summary>
internal sealed partial class IncidentRecorder(string incidentId, ISessionLog log, TimeSpan snapshotInterval, ILogger logger)
{
    private Task last = Task.CompletedTask;
    private DateTimeOffset lastSnapshot;

    /// <summary>Every event up to this sequence is in the recording.</summary>
    public long RecordedSequence { get; private set; }

    /// <summary>A batch could not be recorded: the fold is ahead of the recording for good.</summary>
    public bool Failed { get; private set; }

    /// <summary>Completes when everything handed over so far is recorded.</summary>
    public Task Idle => last;

    /// <summary>Starts from a fold that its recording already holds (after activation or catch-up).</summary>
    public void StartFrom(long sequence, DateTimeOffset clock)
    {
        RecordedSequence = sequence;
        lastSnapshot = clock;
    }

    /// <summary>Hands a batch over now, with a snapshot after it when one is due; completes once it is recorded.</summary>
    public Task AppendAsync(IReadOnlyList<IncidentEvent> batch, IncidentStream stream)
    {
        var appended = log.AppendAsync(incidentId, batch).AsTask();
        var snapshot = Task.CompletedTask;
        if (stream.Clock - lastSnapshot >= snapshotInterval)
        {
            lastSnapshot = stream.Clock;
            snapshot = log.SnapshotAsync(incidentId, stream.Snapshot()).AsTask();
        }

        last = CompleteAsync(appended, snapshot, batch[^1].Sequence);
        return last;
    }

    private async Task CompleteAsync(Task appended, Task snapshot, long lastSequence)
    {
        try
        {
            await appended;
        }
        catch
        {
            Failed = true;
            throw;
        }

        RecordedSequence = Math.Max(RecordedSequence, lastSequence);
        try
        {
            await snapshot;
        }
        catch (Exception ex)
        {
            // A snapshot only saves a replay or a catch-up some reading; the next one serves as well.
            LogSnapshotFailed(logger, ex, incidentId, lastSequence);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {IncidentId} could not store a snapshot after sequence {Sequence}; the next one will serve")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, string incidentId, long sequence);
}
