namespace Command.Recording.Reading;

/// <summary>Where an event starts in a session: a segment and a byte offset in it.</summary>
/// <param name="Segment">Segment name; an offset at its end means the start of the next segment.</param>
/// <param name="Offset">Byte offset.</param>
public readonly record struct SessionPosition(string Segment, long Offset);
