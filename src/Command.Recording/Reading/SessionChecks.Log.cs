using Microsoft.Extensions.Logging;

namespace Command.Recording.Reading;

internal sealed partial class SessionChecks
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The recording of session {IncidentId} could not be read for damage apart from a listing of sessions; the next listing says so")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string incidentId);
}
