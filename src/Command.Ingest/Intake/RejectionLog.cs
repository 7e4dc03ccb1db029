using Command.Domain.Reports;
using Command.Domain.Validation;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Intake;

/// <summary>
/// Logs rejections at a rate that cannot flood the log: the first of each source and reason, then at most one
/// line per interval carrying how many were suppressed. Counting and recording are not rate limited.
/// </summary>
/// <remarks>
/// No suppressed rejection goes unlogged: when an interval ends with some suppressed and no later one of the same
/// source and reason has carried their count, a line says how many (written by a timer on the clock, or by the next
/// rejection of any kind if that comes first), and so does disposal, at shutdown, for intervals still running.
/// </remarks>
public sealed partial class RejectionLog(ILogger<RejectionLog> logger, TimeProvider clock) : IDisposable
{
    /// <summary>Shortest gap between two log lines for the same source and reason. 10 s.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Dictionary<(ReportSource Source, RejectReason Reason), Window> windows = [];
    private ITimer? timer;
    private DateTimeOffset? timerDue;
    private bool disposed;

    public void Rejected(ReportSource source, Rejection rejection)
    {
        var now = clock.GetUtcNow();
        var logged = false;
        Summary? carried = null;
        List<Summary> ended;
        lock (windows)
        {
            if (!windows.TryGetValue((source, rejection.Reason), out var window))
            {
                windows[(source, rejection.Reason)] = window = new Window();
            }

            if (!disposed && window.LastLogged is { } last && now - last < Interval)
            {
                window.Suppressed++;
                window.Latest = rejection.Detail;
                Arm(last + Interval);
            }
            else
            {
                // Those counted since the last line and not yet written (its timer not yet run) go first, on a line of their own.
                if (window.Suppressed > 0)
                {
                    carried = new Summary(source, RejectReasons.Name(rejection.Reason), window.Latest ?? "", window.Suppressed);
                }

                window.Suppressed = 0;
                window.LastLogged = now;
                logged = true;
            }

            ended = Ended(now, all: false);
        }

        if (carried is { } count)
        {
            Write([count]);
        }

        if (logged)
        {
            LogRejected(logger, source, rejection.Code, rejection.Detail);
        }

        Write(ended);
    }

    /// <summary>Writes the count of every interval still running, so nothing suppressed is lost at shutdown.</summary>
    public void Dispose()
    {
        List<Summary> ended;
        lock (windows)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            timer?.Dispose();
            ended = Ended(clock.GetUtcNow(), all: true);
        }

        Write(ended);
    }

    /// <summary>Sets the timer for an interval's end, unless it is already set for an earlier one. Under the lock.</summary>
    private void Arm(DateTimeOffset due)
    {
        if (disposed || (timerDue is { } set && set <= due))
        {
            return;
        }

        timerDue = due;
        timer ??= clock.CreateTimer(_ => Elapsed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.ChangeAt(due, clock);
    }

    private void Elapsed()
    {
        List<Summary> ended;
        lock (windows)
        {
            timerDue = null;
            ended = Ended(clock.GetUtcNow(), all: false);
        }

        Write(ended);
    }

    /// <summary>
    /// Takes the counts of intervals that have ended (every one, with <paramref name="all"/>) and sets the timer for
    /// the next to end. A count written starts a new interval: the line is one of that source's and reason's. Under the lock.
    /// </summary>
    private List<Summary> Ended(DateTimeOffset now, bool all)
    {
        List<Summary> ended = [];
        DateTimeOffset? next = null;
        foreach (var ((source, reason), window) in windows)
        {
            if (window.Suppressed == 0 || window.LastLogged is not { } last)
            {
                continue;
            }

            if (all || now - last >= Interval)
            {
                ended.Add(new Summary(source, RejectReasons.Name(reason), window.Latest ?? "", window.Suppressed));
                window.Suppressed = 0;
                window.LastLogged = now;
            }
            else if (next is null || last + Interval < next)
            {
                next = last + Interval;
            }
        }

        if (next is { } due)
        {
            Arm(due);
        }

        return ended;
    }

    private void Write(List<Summary> ended)
    {
        foreach (var summary in ended)
        {
            LogSuppressed(logger, summary.Count, summary.Source, summary.Reason, summary.Latest);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Source} input: {Reason} ({Detail})")]
    private static partial void LogRejected(ILogger logger, ReportSource source, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Suppressed} more {Source} input as {Reason} since the last line (the latest: {Detail})")]
    private static partial void LogSuppressed(ILogger logger, long suppressed, ReportSource source, string reason, string detail);

    private sealed class Window
    {
        public DateTimeOffset? LastLogged { get; set; }

        public long Suppressed { get; set; }

        /// <summary>The detail of the latest suppressed rejection.</summary>
        public string? Latest { get; set; }
    }

    private sealed record Summary(ReportSource Source, string Reason, string Latest, long Count);
}
