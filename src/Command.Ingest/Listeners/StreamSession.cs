namespace Command.Ingest.Listeners;

/// <summary>
/// How one connection's messages are read, one by one, each into its outcome. A session may hold back what a message
/// gave until a later message, a time (<see cref="HeldUntil"/>) or the end of the stream, and give it up then
/// (<see cref="Release"/>): an NMEA receiver's first sentence of a fix waits for its second.
/// </summary>
public abstract class StreamSession
{
    /// <summary>When what the session holds is to be passed on, though no message has come; null when it holds nothing.</summary>
    public virtual DateTimeOffset? HeldUntil => null;

    /// <summary>What one message gives, read at <paramref name="receivedAt"/> on the listener's clock.</summary>
    public abstract FrameOutcome Read(ReadOnlyMemory<byte> message, DateTimeOffset receivedAt);

    /// <summary>What the session holds, now, and then nothing more; null when it holds nothing.</summary>
    public virtual IngestItem? Release() => null;

    /// <summary>A session that reads each message on its own and holds nothing back.</summary>
    public static StreamSession Each(Func<ReadOnlyMemory<byte>, FrameOutcome> read) => new EachOnItsOwn(read);

    private sealed class EachOnItsOwn(Func<ReadOnlyMemory<byte>, FrameOutcome> read) : StreamSession
    {
        public override FrameOutcome Read(ReadOnlyMemory<byte> message, DateTimeOffset receivedAt) => read(message);
    }
}
