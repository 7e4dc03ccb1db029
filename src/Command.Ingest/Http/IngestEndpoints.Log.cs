using Microsoft.Extensions.Logging;

namespace Command.Ingest.Http;

public static partial class IngestEndpoints
{
    /// <summary>Names the OsmAnd port once the server has bound it (with port 0 nothing else tells which it is).</summary>
    private static void LogBound(ILogger logger, int? port)
    {
        if (port is { } bound)
        {
            LogListening(logger, bound);
        }
        else
        {
            LogNoListener(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OsmAnd (Traccar Client) endpoint listening on port {Port}")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OsmAnd (Traccar Client) endpoint is enabled but the host gave it no listener; it answers nowhere")]
    private static partial void LogNoListener(ILogger logger);
}
