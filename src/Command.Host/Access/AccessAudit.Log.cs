namespace Command.Host.Access;

public sealed partial class AccessAudit
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{UserName} signed in from {Address} ({How})")]
    private static partial void LogSignedIn(ILogger logger, string userName, string address, string how);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in as {UserName} from {Address} failed: {Reason}")]
    private static partial void LogSignInFailed(ILogger logger, string userName, string address, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Address} is shut out of signing in until {Until:O} after too many failures")]
    private static partial void LogLockedOut(ILogger logger, string address, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "{By} lifted the sign-in lock-out of {Address}")]
    private static partial void LogLockoutLifted(ILogger logger, string address, string by);

    [LoggerMessage(Level = LogLevel.Information, Message = "{UserName} signed out")]
    private static partial void LogSignedOut(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} used from {Address}")]
    private static partial void LogTokenUsed(ILogger logger, string actor, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} exported the after-action report of {IncidentId} as {Format}")]
    private static partial void LogExported(ILogger logger, string actor, string incidentId, string format);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} opened replay {ReplayId} of the recording of {IncidentId}")]
    private static partial void LogReplayOpened(ILogger logger, string actor, string incidentId, string replayId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Caller}: {What} ({Reason})")]
    private static partial void LogRefused(ILogger logger, string caller, string what, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} changed access: {Change}")]
    private static partial void LogAccessChanged(ILogger logger, string actor, string change);
}
