namespace Command.Ingest.Intake;

/// <summary>Keeps recorded raw input bounded: an oversized message is recorded by its start, not in full.</summary>
public static class RawText
{
    /// <summary>Most characters of an oversized input kept for the recording. 1024.</summary>
    public const int ClipChars = 1024;

    public static string Clip(string raw) => raw.Length <= ClipChars ? raw : string.Concat(raw.AsSpan(0, ClipChars), "…");
}
