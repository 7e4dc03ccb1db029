using Command.Host.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ClusterMembershipOptions = Orleans.Configuration.ClusterMembershipOptions;

namespace Command.Host.Tests.Hosting;

/// <summary>A stopping host of a cluster gives up writing its leaving to a membership table that does not answer.</summary>
public sealed class SiloLeavingTests
{
    [Fact]
    public async Task A_host_tries_its_leaving_writes_for_the_leave_timeout_once_it_stops_and_joins_with_orleans_own_time()
    {
        // Orleans tries those writes as long as a join, 5 minutes, cut at a minute a stage: with the table's storage down a
        // host spent two minutes in them, past its service manager's stop timeout.
        var membership = Options.Create(new ClusterMembershipOptions());
        var joining = membership.Value.MaxJoinAttemptTime;
        var lifetime = new Lifetime();
        var leaving = new SiloLeaving(membership, new SiloOptions { LeaveTimeout = TimeSpan.FromSeconds(5) }, lifetime);
        await leaving.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(joining, membership.Value.MaxJoinAttemptTime);
        lifetime.StopApplication();
        Assert.Equal(TimeSpan.FromSeconds(5), membership.Value.MaxJoinAttemptTime);
        await leaving.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_cluster_refuses_a_leave_timeout_that_is_not_positive()
    {
        var options = new SiloOptions { Clustering = "AzureTable", StorageConnectionString = "UseDevelopmentStorage=true", GrainStorage = "AzureBlob", AllowPlainSiloTraffic = true, LeaveTimeout = TimeSpan.Zero };

        Assert.Equal("Cluster:LeaveTimeout must be positive", options.Problem("Blob"));
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => stopping.Cancel();
    }
}
