using Command.Grains.Links;
using Command.Grains.Tests.Support;
using Orleans.Core.Internal;

namespace Command.Grains.Tests.Links;

[Collection(ClusterCollection.Name)]
public sealed class SourceLeaseGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Term = TimeSpan.FromMinutes(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_host_holds_the_source_until_it_lets_go_and_then_another_takes_it()
    {
        var lease = fixture.Grains.GetGrain<ISourceLeaseGrain>($"kiss/{Guid.NewGuid():N}:8001");

        Assert.Null(await lease.Hold("10.0.0.1:11111", Term));
        Assert.Equal(new SourceHolder("10.0.0.1:11111", null), await lease.Hold("10.0.0.2:11111", Term));
        Assert.Null(await lease.Hold("10.0.0.1:11111", Term, "Connection refused"));
        Assert.Equal(new SourceHolder("10.0.0.1:11111", "Connection refused"), await lease.Hold("10.0.0.2:11111", Term));
        Assert.Null(await lease.Hold("10.0.0.1:11111", Term));

        await lease.LetGo("10.0.0.2:11111");
        Assert.Equal(new SourceHolder("10.0.0.1:11111", null), await lease.Hold("10.0.0.2:11111", Term));
        await lease.LetGo("10.0.0.1:11111");
        Assert.Null(await lease.Hold("10.0.0.2:11111", Term));
    }

    [Fact]
    public async Task Its_holder_outlives_the_grain_so_that_no_other_host_connects_while_the_holder_still_renews()
    {
        var lease = fixture.Grains.GetGrain<ISourceLeaseGrain>($"kiss/{Guid.NewGuid():N}:8001");
        Assert.Null(await lease.Hold("10.0.0.1:11111", Term));

        // The grain's host goes; its next activation takes the holder to hold the source for a whole term from then.
        await lease.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);

        Assert.Equal(new SourceHolder("10.0.0.1:11111", null), await lease.Hold("10.0.0.2:11111", Term));
        Assert.Null(await lease.Hold("10.0.0.1:11111", Term));
    }
}
