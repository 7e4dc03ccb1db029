using Microsoft.Extensions.Logging;

namespace Command.Recording.Writing;

internal sealed partial class SessionWriter
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is failing for session {IncidentId}; spilling locally from sequence {Sequence}")]
    private static partial void LogSpilling(ILogger logger, Exception exception, string incidentId, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Spill of session {IncidentId} drained to storage through sequence {Sequence}")]
    private static partial void LogDrained(ILogger logger, string incidentId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spill of session {IncidentId} left on disk at offset {Offset}; it drains at the next start")]
    private static partial void LogSpillLeft(ILogger logger, string incidentId, long offset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Spill of session {IncidentId} could not be drained past offset {Offset}")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception, string incidentId, long offset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record {Count} events of session {IncidentId} on storage or in the spill")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string incidentId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot {Sequence} of session {IncidentId} skipped (last stored {LastSequence}, spilling {Spilling})")]
    private static partial void LogSnapshotSkipped(ILogger logger, string incidentId, long sequence, long lastSequence, bool spilling);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot {Sequence} of session {IncidentId} not stored; replay seeks from an earlier one")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, string incidentId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Manifest of session {IncidentId} not written; readers rebuild it from the segments")]
    private static partial void LogManifestNotWritten(ILogger logger, Exception exception, string incidentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage could not be opened for session {IncidentId}; spilling locally until it can")]
    private static partial void LogOpenedSpilling(ILogger logger, Exception exception, string incidentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spill of session {IncidentId} ended in a half-written line ({Bytes} bytes, cut off): a write was cut short")]
    private static partial void LogTornSpill(ILogger logger, string incidentId, long bytes);
}
