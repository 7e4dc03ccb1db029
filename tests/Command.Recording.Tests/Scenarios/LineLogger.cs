using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Command.Recording.Tests.Scenarios;

/// <summary>Keeps every line logged, as written, in order.</summary>
public sealed class LineLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        lines.Enqueue(formatter(state, exception));
}
