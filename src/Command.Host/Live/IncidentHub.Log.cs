namespace Command.Host.Live;

public sealed partial class IncidentHub
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Caller} was not shown {FeedId}: {Detail}")]
    private static partial void LogNotShown(ILogger logger, string caller, string feedId, string detail);
}
