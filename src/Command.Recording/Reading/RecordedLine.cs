namespace Command.Recording.Reading;

/// <summary>
/// A line of a session as read: its bytes (valid until the next line is read) and where it is, so a damaged one is said
/// where whoever opens the file finds it.
/// </summary>
/// <param name="Bytes">The line, without its '\n'.</param>
/// <param name="Segment">The segment it is in.</param>
/// <param name="Offset">The byte of the segment it starts at.</param>
/// <param name="Number">Its number in the segment, from 1; null where the segment was read from within it.</param>
/// <param name="TooLong">
/// Why the line was not read, where it runs past the longest a line may be (its <paramref name="Bytes"/> are then empty, and
/// it is the last line read): damage like any line that is not an event, said where it starts.
/// </param>
internal readonly record struct RecordedLine(ReadOnlyMemory<byte> Bytes, string Segment, long Offset, long? Number, InvalidDataException? TooLong = null)
{
    public ReadOnlySpan<byte> Span => Bytes.Span;

    /// <summary>"line 90 of segment-000001.jsonl, at byte 35211," (or "the line at byte 35211 of segment-000001.jsonl").</summary>
    public string Where => Number is { } number
        ? FormattableString.Invariant($"line {number} of {Segment}, at byte {Offset},")
        : FormattableString.Invariant($"the line at byte {Offset} of {Segment}");
}
