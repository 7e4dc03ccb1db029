using Microsoft.Extensions.Logging;

namespace Command.Grains.Incidents;

public sealed partial class IncidentGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} opened as '{Name}' by {Actor}")]
    private static partial void LogOpened(ILogger logger, string incidentId, string name, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} closed by {Actor}: {Reason}")]
    private static partial void LogClosed(ILogger logger, string incidentId, string actor, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Incident {IncidentId} could not record {Count} events from sequence {Sequence}; reactivating from the last persisted state and the recording")]
    private static partial void LogRecordingFailed(ILogger logger, Exception exception, string incidentId, long sequence, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} caught up on its recording from sequence {From} to {To} ({Skipped} events it could not fold passed over)")]
    private static partial void LogCaughtUp(ILogger logger, string incidentId, long from, long to, int skipped);

    [LoggerMessage(Level = LogLevel.Error, Message = "Incident {IncidentId} could not read its recording past sequence {Sequence}; it is unavailable until it can")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, string incidentId, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} read its recording again and is available")]
    private static partial void LogAvailableAgain(ILogger logger, string incidentId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Incident {IncidentId} could not fold an input and recorded it as refused (by sequence {Sequence}); it starts again from its recording")]
    private static partial void LogFoldDamaged(ILogger logger, Exception? exception, string incidentId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {IncidentId} passed over recorded input {Sequence} while catching up: {Why}")]
    private static partial void LogPassedOver(ILogger logger, string incidentId, long sequence, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} has had no input and no viewer for {IdleAfter}; it goes quiet until the next one")]
    private static partial void LogIdle(ILogger logger, string incidentId, TimeSpan idleAfter);
}
