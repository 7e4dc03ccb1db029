using System.Collections.Concurrent;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Intake;

/// <summary>
/// Logs rejections at a rate that cannot flood the log: the first of each source and reason, then at most one
/// line per interval carrying how many were suppressed. Counting and recording are not rate limited.
/// </summary>
public sealed partial class RejectionLog(ILogger<RejectionLog> logger, TimeProvider clock)
{
    /// <summary>Shortest gap between two log lines for the same source and reason. 10 s.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(ReportSource, RejectReason), Window> windows = new();

    public void Rejected(ReportSource source, Rejection rejection)
    {
        var now = clock.GetUtcNow();
        var window = windows.GetOrAdd((source, rejection.Reason), _ => new Window());
        long suppressed;
        lock (window)
        {
            if (window.LastLogged is { } last && now - last < Interval)
            {
                window.Suppressed++;
                return;
            }

            suppressed = window.Suppressed;
            window.Suppressed = 0;
            window.LastLogged = now;
        }

        LogRejected(logger, source, rejection.Code, rejection.Detail, suppressed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Source} input: {Reason} ({Detail}); {Suppressed} more like it since the last line")]
    private static partial void LogRejected(ILogger logger, ReportSource source, string reason, string detail, long suppressed);

    private sealed class Window
    {
        public DateTimeOffset? LastLogged { get; set; }

        public long Suppressed { get; set; }
    }
}
