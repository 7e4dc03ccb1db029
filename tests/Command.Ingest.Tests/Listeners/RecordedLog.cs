using Microsoft.Extensions.Logging;

namespace Command.Ingest.Tests.Listeners;

/// <summary>Keeps every log line written, formatted, with its category, so a test can count what was logged.</summary>
internal sealed class RecordedLog : ILoggerProvider
{
    private readonly List<(string Category, string Line)> lines = [];

    public IReadOnlyList<string> Lines(string category)
    {
        lock (lines)
        {
            return [.. lines.Where(l => l.Category.EndsWith(category, StringComparison.Ordinal)).Select(l => l.Line)];
        }
    }

    public ILogger CreateLogger(string categoryName) => new Writer(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Writer(RecordedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (log.lines)
                {
                    log.lines.Add((category, formatter(state, exception)));
                }
            }
        }
    }
}
