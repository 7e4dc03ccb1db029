using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>
/// What a listener writes to one connection: the answers its reading gives, and a protocol's heartbeat from a timer of
/// its own, one write at a time (a stream takes one writer).
/// </summary>
internal sealed class ConnectionWrites(Stream stream) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Writes <paramref name="beat"/> (given the time) <paramref name="every"/> from <paramref name="from"/> on, each
    /// after the last, until <paramref name="cancellationToken"/> is cancelled or the connection ends: quietly, as the
    /// reading of it says why it ended.
    /// </summary>
    public async Task BeatAsync(DateTimeOffset from, TimeSpan every, Func<DateTimeOffset, ReadOnlyMemory<byte>> beat, TimeProvider clock, CancellationToken cancellationToken)
    {
        var next = from + every;
        try
        {
            while (true)
            {
                // On the clock's own timer, set for the instant: a clock that moves on meanwhile neither delays the beat nor
                // leaves it waiting.
                await clock.UntilAsync(next, cancellationToken).ConfigureAwait(false);
                var now = clock.GetUtcNow();
                await WriteAsync(beat(now), cancellationToken).ConfigureAwait(false);
                next = now + every;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    public void Dispose() => gate.Dispose();
}
