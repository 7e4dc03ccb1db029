using System.Net;
using Command.Domain.Reports;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Listeners;

public abstract partial class TcpIngestListener
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} TCP listener on port {Port}")]
    private static partial void LogListening(ILogger logger, ReportSource source, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Source} TCP listener could not bind {Address}:{Port}; it is off, the host runs on")]
    private static partial void LogBindFailed(ILogger logger, ReportSource source, string address, int port, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} TCP listener could not accept a connection: {Reason}")]
    private static partial void LogAcceptFailed(ILogger logger, ReportSource source, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Source} TCP connection from {Remote} failed and was closed")]
    private static partial void LogConnectionFailed(ILogger logger, ReportSource source, IPAddress remote, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Source} TCP connection from {Remote} ended: {Reason}")]
    private static partial void LogConnectionEnded(ILogger logger, ReportSource source, IPAddress remote, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} TCP connection from {Remote} closed: no position for {IdleTimeout}")]
    private static partial void LogIdle(ILogger logger, ReportSource source, IPAddress remote, TimeSpan idleTimeout);
}
