using Command.Domain.Events;

namespace Command.Recording.Reading;

/// <summary>
/// A session's timeline as read (<see cref="SessionReader.ReadTimelineWithNamesAsync"/>): its events, and where a damaged
/// line ended what could be read of it, with the last event before it.
/// </summary>
/// <param name="Events">The timeline's events, oldest first.</param>
/// <param name="Damage">Where the recording is damaged and read only up to; null where it is whole.</param>
/// <param name="LastSequence">The last event read's sequence.</param>
/// <param name="LastTime">The last event read's time.</param>
public sealed record SessionMarks(IReadOnlyList<IncidentEvent> Events, RecordingDamage? Damage, long LastSequence, DateTimeOffset LastTime);
