using System.Collections.Immutable;
using System.Globalization;

namespace Command.Domain.Annotations;

/// <summary>
/// A note as it now stands: its last version (<see cref="Current"/>: the original's number, author and instant, with the
/// text, mark, unit and objective of its last amendment), every amendment in order, and its withdrawal if it was withdrawn.
/// </summary>
/// <param name="Current">The note as it reads now.</param>
/// <param name="Original">The note as first written.</param>
/// <param name="Amendments">Each amendment, oldest first.</param>
/// <param name="Withdrawal">Its withdrawal, or null while it stands.</param>
public sealed record StandingNote(EvaluatorNote Current, EvaluatorNote Original, ImmutableArray<NoteAmended> Amendments, NoteWithdrawn? Withdrawal)
{
    /// <summary>The note's number in the stream.</summary>
    public long Number => Original.Number;

    /// <summary>Who wrote it, by name: the one who may amend or withdraw it (<see cref="NoteAuthor.Wrote"/>) besides those who may amend anyone's.</summary>
    public string Author => Original.Author;

    public bool IsWithdrawn => Withdrawal is not null;
}

/// <summary>What an amendment asks for: a field left null stays as it is; an empty unit or objective clears it.</summary>
/// <param name="Text">The new text, or null to keep it.</param>
/// <param name="Mark">The new mark, or null to keep it.</param>
/// <param name="UnitId">The new unit, "" for none, or null to keep it.</param>
/// <param name="ObjectiveId">The new objective, "" for none, or null to keep it.</param>
[GenerateSerializer, Immutable]
public sealed record NoteEdit(string? Text = null, NoteMark? Mark = null, string? UnitId = null, string? ObjectiveId = null)
{
    /// <summary>True when it names nothing to change.</summary>
    public bool IsEmpty => Text is null && Mark is null && UnitId is null && ObjectiveId is null;
}

/// <summary>
/// Folds a session's append-only annotation stream into its notes as they now stand, and decides whether a note may be
/// amended or withdrawn. The stream itself is never rewritten: an amendment and a withdrawal are annotations of their own,
/// naming the note by its number, so that the stream stays the record of who wrote, changed and took back what, and when.
/// </summary>
public static class NoteBook
{
    /// <summary>
    /// Every note of the stream as it now stands, withdrawn ones included, in the order written. An amendment or a
    /// withdrawal that names no standing note (which the annotation grain never keeps, but a line written by hand could) is passed over.
    /// </summary>
    public static ImmutableArray<StandingNote> Fold(IEnumerable<Annotation> stream)
    {
        var notes = new List<StandingNote>();
        var byNumber = new Dictionary<long, int>();
        foreach (var annotation in stream)
        {
            switch (annotation)
            {
                case EvaluatorNote note when !byNumber.ContainsKey(note.Number):
                    byNumber[note.Number] = notes.Count;
                    notes.Add(new StandingNote(note, note, [], null));
                    break;
                case NoteAmended amended when byNumber.TryGetValue(amended.Note, out var at) && !notes[at].IsWithdrawn:
                    var standing = notes[at];
                    notes[at] = standing with
                    {
                        Current = standing.Current with { Text = amended.Text, Mark = amended.Mark, UnitId = amended.UnitId, ObjectiveId = amended.ObjectiveId },
                        Amendments = standing.Amendments.Add(amended),
                    };
                    break;
                case NoteWithdrawn withdrawn when byNumber.TryGetValue(withdrawn.Note, out var at) && !notes[at].IsWithdrawn:
                    notes[at] = notes[at] with { Withdrawal = withdrawn };
                    break;
            }
        }

        return [.. notes];
    }

    /// <summary>
    /// The notes the paperwork prints: each standing note's current version, withdrawn ones left out, in the order
    /// written. What every document (the AAR/IP, ICS-214 logs, their exports) reads instead of the raw stream.
    /// </summary>
    public static ImmutableArray<EvaluatorNote> Current(IEnumerable<Annotation> stream) =>
        [.. Standing(stream).Select(n => n.Current)];

    /// <summary>
    /// The notes the paperwork prints with their amendments: each standing note, withdrawn ones left out, in the order
    /// written, so that a document can say beside a note's current words who amended it, when and why.
    /// </summary>
    public static ImmutableArray<StandingNote> Standing(IEnumerable<Annotation> stream) =>
        [.. Fold(stream).Where(n => !n.IsWithdrawn)];

    /// <summary>How soon after a note the same words from the same author are taken as that note sent again: 10 s.</summary>
    public static readonly TimeSpan RepeatWithin = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The note <paramref name="note"/> repeats, if any: one still standing as first written, by the same author, with the
    /// same text, mark, unit and objective, written no more than <see cref="RepeatWithin"/> before it. A tool that sends
    /// again when an answer is slow, or a button pressed twice, would otherwise keep the same note twice; the same words
    /// written on purpose come later than that, or about another moment of a replay.
    /// </summary>
    public static EvaluatorNote? Repeated(IEnumerable<Annotation> stream, EvaluatorNote note) =>
        Fold(stream).LastOrDefault(n => !n.IsWithdrawn && n.Amendments.IsEmpty && n.Author == note.Author && n.Original.AuthorId == note.AuthorId
            && (n.Original.Text, n.Original.Mark, n.Original.UnitId, n.Original.ObjectiveId) == (note.Text, note.Mark, note.UnitId, note.ObjectiveId)
            && Near(n.Original.About, note.About) && Near(n.Original.Written, note.Written))?.Original;

    private static bool Near(DateTimeOffset earlier, DateTimeOffset later) => (later - earlier).Duration() <= RepeatWithin;

    /// <summary>
    /// The amendment of note <paramref name="number"/> that <paramref name="edit"/> asks for, as it would be kept (numbered
    /// when appended), or why it is refused: no such note, not a note, withdrawn, not the caller's (unless
    /// <paramref name="mayChangeAny"/>), unchanged, or breaking <see cref="AnnotationRules"/>.
    /// </summary>
    public static (NoteAmended? Amendment, AnnotationRefusal? Refused) Amend(
        IReadOnlyList<Annotation> stream, string sessionId, long number, NoteEdit edit, string? reason, NoteAuthor actor, DateTimeOffset written, bool mayChangeAny)
    {
        if (Find(stream, sessionId, number, actor, mayChangeAny, "amend") is { } refused)
        {
            return (null, refused);
        }

        var note = Fold(stream).Single(n => n.Number == number).Current;
        var amended = new NoteAmended(
            number,
            edit.Text?.Trim() ?? note.Text,
            edit.Mark ?? note.Mark,
            edit.UnitId is null ? note.UnitId : Blank(edit.UnitId),
            edit.ObjectiveId is null ? note.ObjectiveId : Blank(edit.ObjectiveId),
            Blank(reason))
        { About = note.About, Written = written, Author = actor.Name, AuthorId = actor.Id };
        if (AnnotationRules.Check(amended) is { } wrong)
        {
            return (null, new(AnnotationRefusalReason.Invalid, wrong));
        }

        return (amended.Text, amended.Mark, amended.UnitId, amended.ObjectiveId) == (note.Text, note.Mark, note.UnitId, note.ObjectiveId)
            ? (null, new(AnnotationRefusalReason.Unchanged, $"the amendment leaves note {number} of session '{sessionId}' as it is: change its text, mark, unit or objective"))
            : (amended, null);
    }

    /// <summary>The withdrawal of note <paramref name="number"/>, as it would be kept, or why it is refused (as for <see cref="Amend"/>; a reason is required).</summary>
    public static (NoteWithdrawn? Withdrawal, AnnotationRefusal? Refused) Withdraw(
        IReadOnlyList<Annotation> stream, string sessionId, long number, string reason, NoteAuthor actor, DateTimeOffset written, bool mayChangeAny)
    {
        if (Find(stream, sessionId, number, actor, mayChangeAny, "withdraw") is { } refused)
        {
            return (null, refused);
        }

        var note = stream[(int)number - 1];
        var withdrawal = new NoteWithdrawn(number, reason?.Trim() ?? "") { About = note.About, Written = written, Author = actor.Name, AuthorId = actor.Id };
        return AnnotationRules.Check(withdrawal) is { } wrong ? (null, new(AnnotationRefusalReason.Invalid, wrong)) : (withdrawal, null);
    }

    /// <summary>Null when note <paramref name="number"/> stands and the actor may change it; else why not.</summary>
    private static AnnotationRefusal? Find(IReadOnlyList<Annotation> stream, string sessionId, long number, NoteAuthor actor, bool mayChangeAny, string verb)
    {
        // Annotations are numbered by their place in the stream, from 1.
        if (number < 1 || number > stream.Count || stream[(int)number - 1].Number != number)
        {
            return new(AnnotationRefusalReason.UnknownNote, $"session '{sessionId}' has no note {number}");
        }

        var annotation = stream[(int)number - 1];
        if (annotation is not EvaluatorNote note)
        {
            return new(AnnotationRefusalReason.NotANote, annotation switch
            {
                RatingDecided rating => $"annotation {number} of session '{sessionId}' is a rating decision for objective '{rating.ObjectiveId}', not a note: decide the objective's rating again to change it",
                NoteAmended amended => $"annotation {number} of session '{sessionId}' is an amendment of note {amended.Note}, not a note: {verb} note {amended.Note}",
                NoteWithdrawn withdrawn => $"annotation {number} of session '{sessionId}' is the withdrawal of note {withdrawn.Note}, not a note",
                _ => $"annotation {number} of session '{sessionId}' is not a note",
            });
        }

        var standing = Fold(stream).Single(n => n.Number == number);
        if (standing.Withdrawal is { } withdrawal)
        {
            return new(AnnotationRefusalReason.Withdrawn, string.Create(
                CultureInfo.InvariantCulture,
                $"note {number} of session '{sessionId}' was withdrawn by {withdrawal.Author} at {withdrawal.Written.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC ({withdrawal.Reason}): a withdrawn note can be neither amended nor withdrawn again"));
        }

        // Bound to who wrote it, not to the name: someone removed and added again under it is not the note's author.
        return !mayChangeAny && !actor.Wrote(note)
            ? new(AnnotationRefusalReason.NotTheAuthor, $"note {number} of session '{sessionId}' is {note.Author}'s: only its author may {verb} it")
            : null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
