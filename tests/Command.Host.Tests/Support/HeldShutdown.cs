using Microsoft.Extensions.Hosting;

namespace Command.Host.Tests.Support;

/// <summary>
/// Holds a host's shutdown until let go (or until the host's own shutdown time runs out). Added after the host's own
/// services, it is stopped before them: the server still answers while it waits, as a host handing its incidents on
/// does, however fast a test's host with nothing to hand on would stop.
/// </summary>
public sealed class HeldShutdown : IHostedService
{
    private readonly TaskCompletionSource letGo = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void LetGo() => letGo.TrySetResult();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => letGo.Task.WaitAsync(cancellationToken);
}
