using Microsoft.Extensions.Logging;

namespace Command.Grains.Incidents;

public sealed partial class IncidentGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} opened as '{Name}' by {Actor}")]
    private static partial void LogOpened(ILogger logger, string incidentId, string name, string actor);

    [LoggerMessage(Level = LogLevel.Error, Message = "Incident {IncidentId} could not record {Count} events from sequence {Sequence}; reactivating from the last persisted state")]
    private static partial void LogRecordingFailed(ILogger logger, Exception exception, string incidentId, long sequence, int count);
}
