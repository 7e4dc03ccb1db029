namespace Command.Host.Replays;

public sealed partial class ReplayGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Replay {ReplayId} of incident {IncidentId} opened")]
    private static partial void LogOpened(ILogger logger, string replayId, string incidentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay {ReplayId} of incident {IncidentId} opened again at {Position:O} (playing: {Playing})")]
    private static partial void LogReopened(ILogger logger, string replayId, string incidentId, DateTimeOffset position, bool playing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay {ReplayId} of incident {IncidentId} could not be opened again: its recording cannot be read")]
    private static partial void LogNotReopened(ILogger logger, Exception exception, string replayId, string incidentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay {ReplayId} of incident {IncidentId} could not tell the list of open replays where it is; it tells it again when it next saves its place")]
    private static partial void LogNotListed(ILogger logger, Exception exception, string replayId, string incidentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay {ReplayId} of incident {IncidentId} closed: nobody called or watched it for the idle limit")]
    private static partial void LogClosedIdle(ILogger logger, string replayId, string incidentId);
}
