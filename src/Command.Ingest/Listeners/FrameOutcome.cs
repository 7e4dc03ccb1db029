namespace Command.Ingest.Listeners;

/// <summary>
/// What one message on a stream gives: the item queued for the incident, if any; what is written back to the sender,
/// if anything (a CoT client's ping is answered, so that it keeps its connection); and whether it is the protocol's
/// keepalive (an APRS-IS heartbeat, a CoT ping), which keeps a connection that has sent positions open between them; and
/// whether it is a copy of a packet another connection sent first (a second IGate's), which is not passed on again but
/// holds its connection open as the position it carries would: an IGate that always came second was cut off as idle.
/// </summary>
public readonly record struct FrameOutcome(IngestItem? Item, ReadOnlyMemory<byte> Answer = default, bool KeepAlive = false, bool Copy = false)
{
    public static implicit operator FrameOutcome(IngestItem? item) => new(item);
}
