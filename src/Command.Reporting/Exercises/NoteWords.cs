using Command.Domain.AfterAction;
using Command.Domain.Annotations;

namespace Command.Reporting.Exercises;

/// <summary>
/// Who a note is by, as every document prints it beside the note's current words: its author, then each amendment's
/// author, time and reason ("eval2; amended by admin at 09:12:00 (16:12:00 UTC): typo"), so that words an admin or a
/// second evaluator rewrote are never read as the author's own.
/// </summary>
public static class NoteWords
{
    /// <summary>"eval2", or "eval2; amended by admin at 09:12:00 (16:12:00 UTC): typo" for an amended note.</summary>
    public static string By(StandingNote note, SiteClock clock) =>
        Amended(note, clock) is { } amended ? $"{note.Author}; {amended}" : note.Author;

    /// <summary>"amended by admin at 09:12:00 (16:12:00 UTC): typo", each amendment in order; null for a note as first written.</summary>
    public static string? Amended(StandingNote note, SiteClock clock) =>
        note.Amendments.IsEmpty
            ? null
            : string.Join("; ", note.Amendments.Select(a => $"amended by {a.Author} at {clock.Both(a.Written)}: {a.Reason ?? "no reason given"}"));
}
