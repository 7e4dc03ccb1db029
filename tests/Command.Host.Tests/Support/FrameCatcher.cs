using Command.Domain.Views;
using Command.Grains.Incidents;

namespace Command.Host.Tests.Support;

/// <summary>An observer of a feed's grain itself, with no host's feed between: keeps every frame it hears; waits for frames that match.</summary>
public sealed class FrameCatcher : IIncidentObserver
{
    private readonly List<IncidentFrame> frames = [];
    private readonly List<(Func<IncidentFrame, bool> Wanted, TaskCompletionSource<IncidentFrame> Caught)> waiters = [];

    public Task OnFrame(IncidentFrame frame)
    {
        lock (waiters)
        {
            frames.Add(frame);
            foreach (var waiter in waiters.Where(w => w.Wanted(frame)).ToList())
            {
                waiter.Caught.TrySetResult(frame);
                waiters.Remove(waiter);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes with the first frame (already heard or still to come) that matches.</summary>
    public Task<IncidentFrame> WaitForAsync(Func<IncidentFrame, bool> wanted)
    {
        var caught = new TaskCompletionSource<IncidentFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiters)
        {
            if (frames.FirstOrDefault(wanted) is { } already)
            {
                return Task.FromResult(already);
            }

            waiters.Add((wanted, caught));
        }

        return caught.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}
