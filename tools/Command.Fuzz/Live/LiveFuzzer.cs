using System.Diagnostics;
using System.Net;

namespace Command.Fuzz.Live;

/// <summary>What one protocol's run sent, from how many senders, in how long, and what the senders saw.</summary>
public sealed record LiveRun(string Protocol, int Messages, int Senders, TimeSpan Elapsed, LiveTally Tally)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;
}

/// <summary>
/// Sends seeded mutations of valid messages to a listener's real port: <c>count</c> messages in senders of
/// <c>perSender</c> each, <c>parallel</c> senders at a time. The same seed sends the same messages. Nothing is
/// asserted here: whether the host survived is asked of the host afterwards.
/// </summary>
public sealed class LiveFuzzer(IPAddress host, int count, int seed, int perSender = 20, int parallel = 8)
{
    /// <summary>The messages each sender of <paramref name="protocol"/> sends, in order: the same for the same seed.</summary>
    public IReadOnlyList<string[]> Senders(LiveProtocol protocol)
    {
        var mutator = new Mutator(protocol.Seeds.Corpus, seed);
        var repair = protocol.Seeds.Repair ?? (s => s);
        return [.. Enumerable.Range(0, count).Select(_ => repair(mutator.Next())).Chunk(perSender)];
    }

    /// <summary>Runs one protocol; <paramref name="beforeEach"/> is awaited before each message with the number sent so far.</summary>
    public async Task<LiveRun> RunAsync(LiveProtocol protocol, int port, Func<long, CancellationToken, ValueTask>? beforeEach = null, CancellationToken cancellationToken = default)
    {
        var senders = Senders(protocol);
        var index = LiveProtocol.All().Select(p => p.Name).ToList().IndexOf(protocol.Name);
        var to = new IPEndPoint(host, port);
        var tally = new LiveTally();
        long sent = 0;
        async ValueTask Gate(CancellationToken ct)
        {
            var n = Interlocked.Increment(ref sent);
            if (beforeEach is not null)
            {
                await beforeEach(n, ct);
            }
        }

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, senders.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            (i, ct) => new ValueTask(protocol.Sender.SendAsync(new SenderTurn(SenderAddresses.For(host, index, i), to, Gate, tally), senders[i], ct)));
        return new LiveRun(protocol.Name, count, senders.Count, watch.Elapsed, tally);
    }
}
