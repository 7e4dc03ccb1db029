using System.Text;
using System.Threading.Channels;
using Command.Ingest.Listeners;
using Microsoft.Extensions.Time.Testing;

namespace Command.Ingest.Tests.Listeners;

public sealed class ConnectionWritesTests
{
    private static readonly DateTimeOffset Opened = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task A_heartbeat_is_written_every_interval_from_the_opening_and_stops_with_the_connection()
    {
        var clock = new FakeTimeProvider(Opened);
        using var stream = new MemoryStream();
        using var writes = new ConnectionWrites(stream);
        using var stop = new CancellationTokenSource();
        var beats = Channel.CreateUnbounded<DateTimeOffset>();

        var beating = writes.BeatAsync(Opened, TimeSpan.FromSeconds(20), Beat(beats), clock, stop.Token);
        var heard = new List<DateTimeOffset>();
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));
            heard.Add(await beats.Reader.ReadAsync(Ct));
        }

        await stop.CancelAsync();
        await beating;
        Assert.Equal([Opened.AddSeconds(20), Opened.AddSeconds(40), Opened.AddSeconds(60)], heard);
        Assert.False(beats.Reader.TryRead(out _));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_beat_whose_time_passed_before_it_was_waited_for_is_written_at_once()
    {
        // The connection opened at Opened, and the clock had moved on past the first beat before it was set: with a wait
        // worked out from an earlier reading of the clock, it came only once the clock moved on again (with a test's
        // clock, never).
        var clock = new FakeTimeProvider(Opened);
        clock.Advance(TimeSpan.FromSeconds(25));
        using var stream = new MemoryStream();
        using var writes = new ConnectionWrites(stream);
        using var stop = new CancellationTokenSource();
        var beats = Channel.CreateUnbounded<DateTimeOffset>();

        var beating = writes.BeatAsync(Opened, TimeSpan.FromSeconds(20), Beat(beats), clock, stop.Token);
        var heard = await beats.Reader.ReadAsync(Ct);

        await stop.CancelAsync();
        await beating;
        Assert.Equal(Opened.AddSeconds(25), heard);
        Assert.Equal("#\r\n", Encoding.ASCII.GetString(stream.ToArray()));
    }

    // A beat that says when it was written, to the stream and to the test.
    private static Func<DateTimeOffset, ReadOnlyMemory<byte>> Beat(Channel<DateTimeOffset> beats) => now =>
    {
        beats.Writer.TryWrite(now);
        return Encoding.ASCII.GetBytes("#\r\n");
    };
}
