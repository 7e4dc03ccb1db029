using System.Collections.Concurrent;

namespace Command.Tests.Shared;

/// <summary>
/// Runs what a test names just before a grain call it names is sent, wherever in the silo it is made (a grain's own call
/// to another included), once: an interleaving of two callers made to happen, not waited for. A rule names the method
/// and the grain's key; the call goes on once the test's step has completed.
/// </summary>
public sealed class InterleavedGrainCalls : IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<(string Method, string Key), Func<Task>> steps = new();

    /// <summary>Before the next call of <paramref name="method"/> on the grain keyed <paramref name="key"/>, runs <paramref name="step"/>.</summary>
    public void Before(string method, string key, Func<Task> step) => steps[(method, key)] = step;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // Taken before it runs: a step that makes the same call itself is not run again.
        if (steps.TryRemove((context.MethodName, context.TargetId.Key.ToString()), out var step))
        {
            await step();
        }

        await context.Invoke();
    }
}
