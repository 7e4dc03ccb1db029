namespace Command.Simulation.Engine;

public sealed partial class DrillEngine
{
    private async Task ControlAsync(DrillState expected, Func<Task> action, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Expect(expected);
            await Guarded(action).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private void Expect(DrillState expected)
    {
        if (state != expected)
        {
            throw new InvalidOperationException($"The drill is {state.ToString().ToLowerInvariant()}, not {expected.ToString().ToLowerInvariant()}.");
        }
    }

    private void Finish(DrillState final)
    {
        state = final;
        timer?.Dispose();
        timer = null;
        completion.TrySetResult();
    }
}
