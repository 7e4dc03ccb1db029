using Microsoft.Extensions.Logging;

namespace Command.Recording.Reading;

internal sealed partial class SessionChecks
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The recording of session {IncidentId} could not be read for damage; the listings of sessions say so, and it is {Retry} (this failure is logged once)")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string incidentId, string retry);
}
