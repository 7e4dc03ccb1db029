using Command.Domain.Views;
using Command.Grains.Incidents;
using Command.Host.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Command.Host.Tests.Live.FrameMergeTests;

namespace Command.Host.Tests.Live;

public sealed class ClientChannelTests
{
    [Fact]
    public async Task Frames_offered_during_a_slow_send_arrive_as_one_merged_frame()
    {
        var clock = new FakeTimeProvider(T0);
        var client = new GatedClient();
        await using var channel = new ClientChannel("c1", new OneClientHub(client), clock, FramePacing.Default, NullLogger.Instance);

        channel.Offer(new EncodedFrame(Frame(1, false, [Unit("A", 100)])));
        var first = await client.Started.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        channel.Offer(new EncodedFrame(Frame(2, false, [Unit("A", 95)])));
        channel.Offer(new EncodedFrame(Frame(3, false, [Unit("B", 70)])));
        channel.Offer(new EncodedFrame(Frame(4, false, [Unit("A", 90)])));
        client.Release();
        clock.Advance(TimeSpan.FromMilliseconds(100));
        var second = await client.Started.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(1, first.Sequence);
        Assert.Equal(4, second.Sequence);
        Assert.Equal([("A", 90.0), ("B", 70.0)], second.Units.Select(u => (u.UnitId, u.DistanceM!.Value)).OrderBy(u => u.UnitId));
        Assert.Equal(2, client.Sends);
    }

    [Fact]
    public async Task A_client_gets_three_frames_of_slack_then_no_more_than_one_per_interval()
    {
        var clock = new FakeTimeProvider(T0);
        var client = new GatedClient(open: true);
        await using var channel = new ClientChannel("c1", new OneClientHub(client), clock, FramePacing.Default, NullLogger.Instance);
        var ct = TestContext.Current.CancellationToken;
        var sent = new List<long>();

        // The first frame and three of slack go out with no time passing.
        for (var i = 1; i <= 4; i++)
        {
            channel.Offer(new EncodedFrame(Frame(i, false, [Unit("A", 100 - i)])));
            sent.Add((await client.Started.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct)).Sequence);
        }

        // A fifth frame waits for its turn; a sixth offered a moment before the turn merges into it. Had the fifth
        // gone early, the next send would carry it alone.
        channel.Offer(new EncodedFrame(Frame(5, false, [Unit("A", 90)])));
        clock.Advance(TimeSpan.FromMilliseconds(99));
        channel.Offer(new EncodedFrame(Frame(6, false, [Unit("B", 80)])));
        Assert.False(client.Started.TryRead(out _));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var merged = await client.Started.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        sent.Add(merged.Sequence);

        Assert.Equal([1L, 2L, 3L, 4L, 6L], sent);
        Assert.Equal([("A", 90.0), ("B", 80.0)], merged.Units.Select(u => (u.UnitId, u.DistanceM!.Value)).OrderBy(u => u.UnitId));
    }

    /// <summary>A browser connection whose sends can be held open, like a client on a slow link.</summary>
    private sealed class GatedClient(bool open = false) : ISingleClientProxy
    {
        private readonly System.Threading.Channels.Channel<IncidentFrame> started = System.Threading.Channels.Channel.CreateUnbounded<IncidentFrame>();
        private TaskCompletionSource gate = NewGate(open);

        public System.Threading.Channels.ChannelReader<IncidentFrame> Started => started.Reader;

        public int Sends { get; private set; }

        public void Release() => gate.TrySetResult();

        public async Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
        {
            Sends++;
            started.Writer.TryWrite(((EncodedFrame)args[0]!).Frame);
            await gate.Task.WaitAsync(cancellationToken);
            gate = NewGate(open);
        }

        public Task<T> InvokeCoreAsync<T>(string method, object?[] args, CancellationToken cancellationToken) => throw new InvalidOperationException("not used");

        private static TaskCompletionSource NewGate(bool open)
        {
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (open)
            {
                tcs.SetResult();
            }

            return tcs;
        }
    }

    private sealed class OneClientHub(ISingleClientProxy client) : IHubContext<IncidentHub>
    {
        public IHubClients Clients { get; } = new OneClient(client);

        public IGroupManager Groups => throw new InvalidOperationException("not used");
    }

    private sealed class OneClient(ISingleClientProxy client) : IHubClients
    {
        public IClientProxy All => client;

        public ISingleClientProxy Client(string connectionId) => client;

        IClientProxy IHubClients<IClientProxy>.Client(string connectionId) => client;

        public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => client;

        public IClientProxy Clients(IReadOnlyList<string> connectionIds) => client;

        public IClientProxy Group(string groupName) => client;

        public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => client;

        public IClientProxy Groups(IReadOnlyList<string> groupNames) => client;

        public IClientProxy User(string userId) => client;

        public IClientProxy Users(IReadOnlyList<string> userIds) => client;
    }
}
