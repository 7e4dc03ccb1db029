namespace Command.Ingest.Listeners;

/// <summary>
/// What one message on a stream gives: the item queued for the incident, if any; what is written back to the sender,
/// if anything (a CoT client's ping is answered, so that it keeps its connection); and whether it is the protocol's
/// keepalive (an APRS-IS heartbeat, a CoT ping), which keeps a connection that has sent positions open between them.
/// </summary>
public readonly record struct FrameOutcome(IngestItem? Item, ReadOnlyMemory<byte> Answer = default, bool KeepAlive = false)
{
    public static implicit operator FrameOutcome(IngestItem? item) => new(item);
}
