using Command.Domain.Views;
using Command.Grains.Incidents;
using Microsoft.AspNetCore.SignalR;

namespace Command.Host.Live;

/// <summary>
/// One browser's view of one feed: frames offered while a send is in flight or waiting for its turn are merged,
/// and sends are paced to one per frame interval with a viewer's slack (<see cref="FramePacing"/>), so a slow client gets fewer, fresher
/// frames and nobody waits for it.
/// </summary>
public sealed partial class ClientChannel : IAsyncDisposable
{
    private readonly string connectionId;
    private readonly IHubContext<IncidentHub> hub;
    private readonly TimeProvider clock;
    private readonly FramePacer pacer;
    private readonly ILogger logger;
    private readonly SemaphoreSlim ready = new(0, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock sync = new();
    private readonly Task loop;
    private EncodedFrame? pending;

    public ClientChannel(string connectionId, IHubContext<IncidentHub> hub, TimeProvider clock, FramePacing pacing, ILogger logger)
    {
        (this.connectionId, this.hub, this.clock, this.logger) = (connectionId, hub, clock, logger);
        pacer = new FramePacer(clock, pacing.Interval, pacing.ViewerSlack);
        loop = RunAsync(stopping.Token);
    }

    public void Offer(EncodedFrame frame)
    {
        lock (sync)
        {
            var signal = pending is null;
            if (pending is null)
            {
                pending = frame;
            }
            else
            {
                var merged = new EncodedFrame(FrameMerge.Merge(pending.Frame, frame.Frame));
                pending.Release();
                frame.Release();
                pending = merged;
            }

            if (signal)
            {
                ready.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (sync)
        {
            pending?.Release();
            pending = null;
        }

        stopping.Dispose();
        ready.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var turn = Task.CompletedTask;
            while (true)
            {
                await ready.WaitAsync(cancellationToken);

                // Frames offered while this waits for its turn merge into the one that goes.
                await turn;
                EncodedFrame frame;
                lock (sync)
                {
                    frame = pending!;
                    pending = null;
                }

                // The next turn is set as this frame goes, so a slow send uses up the wait instead of adding to it.
                pacer.Sent();
                var wait = pacer.Wait();
                turn = wait > TimeSpan.Zero ? Task.Delay(wait, clock, cancellationToken) : Task.CompletedTask;
                try
                {
                    await hub.Clients.Client(connectionId).SendAsync(IncidentHub.FrameMethod, frame, cancellationToken);
                }
                finally
                {
                    frame.Release();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser left.
        }
        catch (Exception ex)
        {
            LogSendFailed(logger, ex, connectionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped sending frames to connection {ConnectionId}")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string connectionId);
}
