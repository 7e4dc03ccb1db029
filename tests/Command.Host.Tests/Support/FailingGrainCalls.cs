using System.Collections.Concurrent;

namespace Command.Host.Tests.Support;

/// <summary>
/// Fails the grain calls a test names, as a broken incident would, wherever in the host they are made: a grain's own
/// calls to another included. A rule names the method, the grain's key and, where given, its first argument.
/// </summary>
public sealed class FailingGrainCalls : IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<(string Method, string Key, string? First), int> rules = new();
    private readonly ConcurrentDictionary<(string Method, string Key, string? First), Func<Exception>> failures = new();

    /// <summary>
    /// Fails the next <paramref name="times"/> calls of <paramref name="method"/> on the grain keyed <paramref name="key"/>,
    /// with what <paramref name="with"/> makes (an <see cref="InvalidOperationException"/> where it is null).
    /// </summary>
    public void Fail(string method, string key, string? firstArgument = null, int times = int.MaxValue, Func<Exception>? with = null)
    {
        if (with is not null)
        {
            failures[(method, key, firstArgument)] = with;
        }

        rules[(method, key, firstArgument)] = times;
    }

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        var key = context.TargetId.Key.ToString();
        var first = context.Request.GetArgumentCount() > 0 ? context.Request.GetArgument(0) as string : null;
        foreach (var rule in new[] { (context.MethodName, key, first), (context.MethodName, key, (string?)null) })
        {
            if (rules.TryGetValue(rule, out var left) && left > 0 && rules.TryUpdate(rule, left - 1, left))
            {
                throw failures.TryGetValue(rule, out var with) ? with() : new InvalidOperationException($"{context.MethodName} on {key} failed, as the test asked");
            }
        }

        return context.Invoke();
    }
}
