using System.Collections.Concurrent;
using Command.Domain.Views;
using Command.Grains.Incidents;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests.Support;

/// <summary>A .NET SignalR client watching one incident, as a browser would; waits for frames that match.</summary>
public sealed class FrameWatcher : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly ConcurrentQueue<IncidentFrame> frames = new();
    private readonly List<(Func<IncidentFrame, bool> Wanted, TaskCompletionSource<IncidentFrame> Caught)> waiters = [];

    private FrameWatcher(Uri baseAddress, string token)
    {
        connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/incidents"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = CommandHost.Json)
            .Build();
        connection.On<IncidentFrame>("frame", Receive);
    }

    public IncidentFrame Snapshot { get; private set; } = null!;

    public IReadOnlyCollection<IncidentFrame> Frames => frames;

    /// <summary>Joins as the host's admin, or as the holder of <paramref name="token"/>.</summary>
    public static async Task<FrameWatcher> JoinAsync(CommandHost host, string incidentId, string? token = null)
    {
        var watcher = new FrameWatcher(host.BaseAddress, token ?? host.BootstrapToken);
        await watcher.connection.StartAsync(TestContext.Current.CancellationToken);
        watcher.Snapshot = AsSent(await watcher.connection.InvokeAsync<IncidentFrame>("Join", incidentId, TestContext.Current.CancellationToken));
        return watcher;
    }

    /// <summary>Completes with the first frame (already received or still to come) that matches.</summary>
    public Task<IncidentFrame> WaitForAsync(Func<IncidentFrame, bool> wanted, TimeSpan? timeout = null)
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

        return caught.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    // A frame's unit leaves its fix's unit id out (the unit names it): read back, the fix names its unit again.
    private static IncidentFrame AsSent(IncidentFrame frame) => frame.Units.IsDefaultOrEmpty ? frame : frame with
    {
        Units = [.. frame.Units.Select(u => u.LastFix is { UnitId: null } fix ? u with { LastFix = fix with { UnitId = u.UnitId } } : u)],
    };

    private void Receive(IncidentFrame sent)
    {
        var frame = AsSent(sent);
        lock (waiters)
        {
            frames.Enqueue(frame);
            foreach (var waiter in waiters.Where(w => w.Wanted(frame)).ToList())
            {
                waiter.Caught.TrySetResult(frame);
                waiters.Remove(waiter);
            }
        }
    }
}
