namespace Command.Host.Tests.Support;

/// <summary>
/// Holds the next call of a method on one grain, in that grain's turn, until the test opens the gate: whoever made the
/// call waits on it meanwhile, as a caller waits on a grain whose storage answers slowly. Held 20 s at most (less than a
/// grain call's time limit), then let go, so a test that never opens it finds the call answered late rather than hangs.
/// </summary>
public sealed class GatedGrainCall : IIncomingGrainCallFilter
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();
    private (string Method, string Key)? held;

    /// <summary>Completes once the held call is in the grain.</summary>
    public Task Entered => entered.Task;

    /// <summary>Holds the next call of <paramref name="method"/> on the grain keyed <paramref name="key"/>.</summary>
    public void Hold(string method, string key)
    {
        lock (gate)
        {
            held = (method, key);
        }
    }

    /// <summary>Lets the held call go on.</summary>
    public void Open() => opened.TrySetResult();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (Takes(context))
        {
            entered.TrySetResult();
            await Task.WhenAny(opened.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        }

        await context.Invoke();
    }

    private bool Takes(IIncomingGrainCallContext context)
    {
        lock (gate)
        {
            if (held is { } rule && context.ImplementationMethod.Name == rule.Method && context.TargetId.Key.ToString() == rule.Key)
            {
                held = null;
                return true;
            }

            return false;
        }
    }
}
