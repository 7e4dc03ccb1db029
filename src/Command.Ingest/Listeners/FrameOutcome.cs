namespace Command.Ingest.Listeners;

/// <summary>
/// What one message on a stream gives: the item queued for the incident, if any, and what is written back to the
/// sender, if anything (a CoT client's ping is answered, so that it keeps its connection).
/// </summary>
public readonly record struct FrameOutcome(IngestItem? Item, ReadOnlyMemory<byte> Answer = default)
{
    public static implicit operator FrameOutcome(IngestItem? item) => new(item);
}
