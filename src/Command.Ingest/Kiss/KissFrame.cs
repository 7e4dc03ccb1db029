namespace Command.Ingest.Kiss;

/// <summary>
/// One frame a KISS TNC sent: the radio port it was heard on (0-15), its command (0 is a data frame: what the radio
/// heard), and its bytes unescaped; or, where it was longer than the limit, only that it was.
/// </summary>
public readonly record struct KissFrame(int Port, int Command, byte[] Data, bool Oversized = false)
{
    /// <summary>The command of a data frame: a packet the TNC heard.</summary>
    public const int DataFrame = 0;
}
