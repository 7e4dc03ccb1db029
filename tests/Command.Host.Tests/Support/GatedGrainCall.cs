namespace Command.Host.Tests.Support;

/// <summary>
/// Holds the next call of a method on one grain, in that grain's turn, until the test opens the gate: whoever made the
/// call waits on it meanwhile, as a caller waits on a grain whose storage answers slowly. A test opens it on an event of
/// its own (another call answered), so a call that never comes leaves it to the grain calls' own time limit.
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
            await opened.Task;
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
