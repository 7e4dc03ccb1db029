namespace Command.Recording.Reading;

/// <summary>
/// Where a session's recording stops being readable past what its manifest indexes (a bad sector, a copy that went
/// wrong, a file edited by hand): the session is read up to the last good line before it, and this says so.
/// </summary>
/// <param name="Segment">The segment the damage is in.</param>
/// <param name="Offset">The byte of the segment where the first damaged line starts.</param>
/// <param name="Said">What the session says of it, in words, for a list of sessions, a replay and a report.</param>
public sealed record RecordingDamage(string Segment, long Offset, string Said)
{
    /// <summary>
    /// "the recording of 'drill-1' is read up to the line at byte 35211 of segment-000001.jsonl, which is not an event
    /// (JsonException: …): the rest of the recording from there is damaged and left out".
    /// </summary>
    internal static RecordingDamage Of(string incidentId, RecordedLine line, Exception ex) =>
        new(line.Segment, line.Offset, FormattableString.Invariant(
            $"the recording of '{incidentId}' is read up to {line.Where.TrimEnd(',')}, which is not an event ({ex.GetType().Name}: {RecordingUnreadableException.Said(ex)}): the rest of the recording from there is damaged and left out"));

    /// <summary>The same, for a line that runs past the longest a line may be.</summary>
    internal static RecordingDamage Of(string incidentId, string segment, long offset, InvalidDataException ex) =>
        new(segment, offset, FormattableString.Invariant(
            $"the recording of '{incidentId}' is read up to byte {offset} of {segment} ({ex.GetType().Name}: {ex.Message}): the rest of the recording from there is damaged and left out"));
}
