namespace Command.Recording.Reading;

/// <summary>
/// A session's recording that cannot be read as a recording: a line that is not an event (a torn copy, a bad sector, a
/// file edited by hand), a manifest that is not one, or a format this build does not read. Says which session and why,
/// so a list of sessions leaves it out with a word, and what asks for it is told, not given an empty 500.
/// </summary>
public sealed partial class RecordingUnreadableException : Exception
{
    private RecordingUnreadableException(string incidentId, string message, Exception innerException)
        : base(message, innerException) =>
        IncidentId = incidentId;

    public RecordingUnreadableException()
    {
    }

    public RecordingUnreadableException(string message)
        : base(message)
    {
    }

    public RecordingUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Session <paramref name="incidentId"/> cannot be read, for <paramref name="innerException"/>.</summary>
    public static RecordingUnreadableException Of(string incidentId, Exception innerException) =>
        new(incidentId, $"the recording of '{incidentId}' cannot be read ({innerException.GetType().Name}: {innerException.Message})", innerException);

    /// <summary>
    /// Session <paramref name="incidentId"/> cannot be read, for <paramref name="innerException"/> at <paramref name="line"/>:
    /// "(JsonException: line 90 of segment-000001.jsonl, at byte 35211, is not an event: …)".
    /// </summary>
    internal static RecordingUnreadableException Of(string incidentId, RecordedLine line, Exception innerException) =>
        new(incidentId, $"the recording of '{incidentId}' cannot be read ({innerException.GetType().Name}: {line.Where} is not an event: {Said(innerException)})", innerException);

    /// <summary>Session <paramref name="incidentId"/> cannot be read: it is damaged from its first line on.</summary>
    internal static RecordingUnreadableException Of(string incidentId, RecordingDamage damage) =>
        new(incidentId, damage.Said, new InvalidDataException(damage.Said));

    // What a line's reader said of it. The JSON reader ends with where in its input it was ("Path: $ | LineNumber: 0 |
    // BytePositionInLine: 0."), which beside the line's own place read as a line 0 that points nowhere: the byte within
    // the line is kept, in words. What it quotes of the line is cut at 80 characters: a damaged type ("Read unrecognized
    // type discriminator id '…'") quoted the line's garbage whole, a page of it in a notice, a list entry or a report.
    internal static string Said(Exception ex)
    {
        var cut = ex.Message.IndexOf(" Path: ", StringComparison.Ordinal);
        return Quoted().Replace(
            ex is System.Text.Json.JsonException { BytePositionInLine: { } at } && cut > 0
                ? FormattableString.Invariant($"{ex.Message[..cut]} (byte {at} of the line)")
                : ex.Message,
            "'${kept}…'");
    }

    [System.Text.RegularExpressions.GeneratedRegex("'(?<kept>[^']{80})[^']+'")]
    private static partial System.Text.RegularExpressions.Regex Quoted();

    /// <summary>The session that cannot be read.</summary>
    public string? IncidentId { get; }

    /// <summary>True for what a recording that is not one throws as it is read.</summary>
    public static bool Is(Exception ex) => ex is System.Text.Json.JsonException or NotSupportedException or InvalidDataException or FormatException;
}
