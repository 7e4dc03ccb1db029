namespace Command.Ingest.Aprs;

/// <summary>How APRS packets are read (configuration section <c>Ingest:Aprs</c>).</summary>
public sealed record AprsOptions
{
    /// <summary>Longest TNC2 line accepted, in characters. Default 512 (APRS-IS allows 510 plus CR LF).</summary>
    public int MaxLineChars { get; init; } = 512;

    public static AprsOptions Default { get; } = new();
}
