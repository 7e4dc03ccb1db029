using Microsoft.Extensions.Logging;

namespace Command.Recording.Reading;

internal sealed partial class SessionChecks
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The recording of session {IncidentId} could not be read for damage; the listings of sessions say so, and it is {Retry} (this failure is logged once)")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string incidentId, string retry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The recording of session {IncidentId} could not be read from its store; the listings of sessions list it unreadable, saying why, until it can be read (this failure is logged once)")]
    private static partial void LogUnlisted(ILogger logger, Exception exception, string incidentId);
}
