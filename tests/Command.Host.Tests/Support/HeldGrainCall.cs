using Orleans.Runtime.Diagnostics;

namespace Command.Host.Tests.Support;

/// <summary>
/// Holds the first call of a method on one grain, in that grain's turn, until the grain begins to deactivate (its silo
/// stopping, say): the grain stays busy until then, so a call made to it meanwhile is still waiting in its queue when it
/// deactivates, as a page's or a listener's call can be when a host is stopped.
/// </summary>
public sealed class HeldGrainCall : IIncomingGrainCallFilter
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource deactivating = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (string Method, string Key)? held;

    /// <summary>Completes once the held call is in the grain.</summary>
    public Task Entered => entered.Task;

    /// <summary>Holds the next call of <paramref name="method"/> on the grain keyed <paramref name="key"/>.</summary>
    public void Hold(string method, string key) => held = (method, key);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (held is { } rule && context.ImplementationMethod.Name == rule.Method && context.TargetId.Key.ToString() == rule.Key)
        {
            held = null;
            using (GrainLifecycleEvents.AllEvents.Subscribe(new Deactivating(context.TargetId, deactivating)))
            {
                entered.TrySetResult();
                await deactivating.Task.WaitAsync(TimeSpan.FromMinutes(2));
            }
        }

        await context.Invoke();
    }

    private sealed class Deactivating(GrainId grain, TaskCompletionSource seen) : IObserver<GrainLifecycleEvents.LifecycleEvent>
    {
        public void OnNext(GrainLifecycleEvents.LifecycleEvent value)
        {
            if (value is GrainLifecycleEvents.Deactivating && value.GrainContext.GrainId == grain)
            {
                seen.TrySetResult();
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
