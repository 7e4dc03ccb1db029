using Command.Domain.Units;
using Command.Grains.Incidents;
using Command.Grains.Tests.Support;

namespace Command.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ObserverTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Observer_receives_the_position_of_a_report()
    {
        var id = $"inc-{Guid.NewGuid():N}";
        var incident = fixture.Grains.GetGrain<IIncidentGrain>(id);
        await incident.Open(Sites.Open());
        await incident.Enrol("P1", "Patrol 1", UnitRole.Contact, "dispatch");
        var observer = new FrameCatcher(f => f.Units.Any(u => u.LastFix is not null));
        var reference = fixture.Grains.CreateObjectReference<IIncidentObserver>(observer);
        await incident.Subscribe(reference);
        var report = Sites.Report("P1", ClusterFixture.Start, 0, -50);

        await incident.Submit([report], [], null);
        var frame = await observer.Caught.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(id, frame.IncidentId);
        Assert.False(frame.Full);
        Assert.Equal(report, Assert.Single(frame.Units).LastFix);
        fixture.Grains.DeleteObjectReference<IIncidentObserver>(reference);
    }

    private sealed class FrameCatcher(Func<IncidentFrame, bool> wanted) : IIncidentObserver
    {
        private readonly TaskCompletionSource<IncidentFrame> caught = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IncidentFrame> Caught => caught.Task;

        public Task OnFrame(IncidentFrame frame)
        {
            if (wanted(frame))
            {
                caught.TrySetResult(frame);
            }

            return Task.CompletedTask;
        }
    }
}
