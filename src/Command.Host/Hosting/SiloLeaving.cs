using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Command.Host.Hosting;

/// <summary>
/// Bounds how long a stopping silo of a cluster tries to write its leaving (shutting down, stopping, dead) to the
/// membership table: <see cref="SiloOptions.LeaveTimeout"/> each. Orleans tries each of those writes for as long as it
/// tries to join (<see cref="ClusterMembershipOptions.MaxJoinAttemptTime"/>, 5 minutes), cut only by a minute of its own
/// per stage: with the table's storage down, a host spent two minutes in them alone, past a service manager's stop
/// timeout, which then killed it. The other silos learn that it left by probing it, within about ten seconds, written
/// or not. The join at start keeps its time: the bound is set only once the host is stopping. It is a bound on when
/// Orleans starts a try, not on when a step ends: Orleans looks at the time only before each try, finishes the one under
/// way and its pause after a failure (1–3 s after the first, longer after each next), and takes no cancellation for
/// these steps, so a step runs past the timeout by those. Nothing here can cut them short but answering for the table,
/// which would tell the other silos of a write that was not made.
/// </summary>
internal sealed class SiloLeaving(IOptions<ClusterMembershipOptions> membership, SiloOptions silo, IHostApplicationLifetime lifetime) : IHostedService
{
    private CancellationTokenRegistration stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Orleans reads the attempt time from its one options object at each write, so setting it there bounds the writes to come.
        stopping = lifetime.ApplicationStopping.Register(() => membership.Value.MaxJoinAttemptTime = silo.LeaveTimeout);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await stopping.DisposeAsync();
}
