namespace Command.Ingest.Cot;

/// <summary>How Cursor on Target events are read (configuration section <c>Ingest:Cot</c>).</summary>
public sealed record CotOptions
{
    /// <summary>Largest event accepted, in characters; larger ones are refused as oversized. Default 65536 (64 KiB).</summary>
    public int MaxEventChars { get; init; } = 64 * 1024;

    /// <summary>
    /// When true each hostile marker is its own threat, keyed by its uid; when false every hostile marker moves the
    /// incident's single threat "T1". Default false: a drill has one threat unless several are tracked on purpose.
    /// </summary>
    public bool ThreatPerUid { get; init; }

    public static CotOptions Default { get; } = new();
}
