namespace Command.Host.Paperwork;

/// <summary>
/// POST /api/sessions/{id}/notes. The note is about the replay's instant when <paramref name="ReplayId"/> names an open
/// replay of the session, else about <paramref name="About"/> when given, else about the live incident's clock now.
/// </summary>
/// <param name="Text">The observation.</param>
/// <param name="Mark">strength, area-for-improvement or observation (the default).</param>
/// <param name="UnitId">The unit it is about, if one; one the session never had is refused.</param>
/// <param name="ObjectiveId">
/// The objective it is evidence for, if one: one of the exercise objectives declared for the incident, else refused
/// (and any is refused where none are declared).
/// </param>
/// <param name="About">The incident time it is about.</param>
/// <param name="ReplayId">The replay it was written in.</param>
public sealed record NoteRequest(string? Text, string? Mark, string? UnitId, string? ObjectiveId, DateTimeOffset? About, string? ReplayId);

/// <summary>
/// POST /api/sessions/{id}/notes/{number}/amend: what to change of the note, by its author (or one holding
/// <see cref="Access.Rights.AmendAnyNote"/>). A field left out (or null) stays as it is; an empty <paramref name="UnitId"/>
/// or <paramref name="ObjectiveId"/> takes the note off its unit or objective; a unit or objective given is checked as a new
/// note's is.
/// </summary>
/// <param name="Text">The new text.</param>
/// <param name="Mark">strength, area-for-improvement or observation.</param>
/// <param name="UnitId">The unit it is about, or "" for none.</param>
/// <param name="ObjectiveId">The objective it is evidence for, or "" for none.</param>
/// <param name="Reason">Why it is amended (optional; kept with the amendment).</param>
public sealed record NoteAmendRequest(string? Text, string? Mark, string? UnitId, string? ObjectiveId, string? Reason);

/// <summary>POST /api/sessions/{id}/notes/{number}/withdraw: why the note is taken back (required).</summary>
public sealed record NoteWithdrawRequest(string? Reason);

/// <summary>
/// A note as GET /api/sessions/{id}/notes shows it: as it now stands (the text, mark, unit and objective of its last
/// amendment; number, instant, first writing and author of the original), when and by whom it was last amended, whether
/// it was withdrawn, and its history: each version, the first as written, then each amendment, and its withdrawal.
/// </summary>
/// <param name="Type">"note".</param>
/// <param name="Number">The note's number: what its amendments and withdrawal name.</param>
/// <param name="About">The incident time it is about.</param>
/// <param name="Written">When it was first written.</param>
/// <param name="Author">Who wrote it: the one who may amend or withdraw it, besides admins.</param>
/// <param name="Text">Its text now.</param>
/// <param name="Mark">Its mark now.</param>
/// <param name="UnitId">Its unit now, if one.</param>
/// <param name="ObjectiveId">Its objective now, if one.</param>
/// <param name="Amended">Its last amendment (number, when, by whom, why), if it was amended.</param>
/// <param name="Withdrawn">Its withdrawal (number, when, by whom, why), if it was withdrawn: the paperwork leaves it out.</param>
/// <param name="History">Every version, oldest first.</param>
/// <param name="Yours">
/// True when the caller wrote it (by who they are, not by name: someone added again under a removed person's name did not),
/// so may amend or withdraw it without the right to change anyone's.
/// </param>
public sealed record NoteView(
    string Type, long Number, DateTimeOffset About, DateTimeOffset Written, string Author, string Text, Domain.Annotations.NoteMark Mark,
    string? UnitId, string? ObjectiveId, NoteChangeView? Amended, NoteChangeView? Withdrawn, IReadOnlyList<NoteVersionView> History, bool Yours)
{
    public static NoteView Of(Domain.Annotations.StandingNote note, Domain.Annotations.NoteAuthor? reader)
    {
        var current = note.Current;
        IReadOnlyList<NoteVersionView> history =
        [
            new(note.Original.Number, "written", note.Original.Written, note.Original.Author, null, note.Original.Text, note.Original.Mark, note.Original.UnitId, note.Original.ObjectiveId),
            .. note.Amendments.Select(a => new NoteVersionView(a.Number, "amended", a.Written, a.Author, a.Reason, a.Text, a.Mark, a.UnitId, a.ObjectiveId)),
            .. note.Withdrawal is { } w ? [new NoteVersionView(w.Number, "withdrawn", w.Written, w.Author, w.Reason, null, null, null, null)] : Array.Empty<NoteVersionView>(),
        ];
        return new(
            "note", note.Number, current.About, current.Written, current.Author, current.Text, current.Mark, current.UnitId, current.ObjectiveId,
            note.Amendments.IsEmpty ? null : new(note.Amendments[^1].Number, note.Amendments[^1].Written, note.Amendments[^1].Author, note.Amendments[^1].Reason),
            note.Withdrawal is { } withdrawal ? new(withdrawal.Number, withdrawal.Written, withdrawal.Author, withdrawal.Reason) : null,
            history,
            reader?.Wrote(note.Original) == true);
    }
}

/// <summary>An amendment or a withdrawal of a note: the annotation's own number, when, by whom, and why.</summary>
public sealed record NoteChangeView(long Number, DateTimeOffset At, string By, string? Reason);

/// <summary>One version of a note: "written", "amended" (with what it then said) or "withdrawn"; when, by whom, why.</summary>
public sealed record NoteVersionView(
    long Number, string Change, DateTimeOffset At, string By, string? Reason, string? Text, Domain.Annotations.NoteMark? Mark, string? UnitId, string? ObjectiveId);

/// <summary>The hub message a page watching a session's notes hears when an annotation is kept: read the notes again.</summary>
/// <param name="IncidentId">The session.</param>
/// <param name="Number">The annotation kept; 0 when some may have been missed (the session's grain was activated anew).</param>
public sealed record NotesChanged(string IncidentId, long Number);

/// <summary>
/// POST /api/sessions/{id}/ratings: confirm the proposed rating or change it (performed, some-challenges,
/// major-challenges, unable; or P, S, M, U). Changing it takes a <paramref name="Reason"/>, which the AAR/IP prints
/// beside it; confirming it does not.
/// </summary>
public sealed record RatingRequest(string? ObjectiveId, string? Rating, string? Reason);

/// <summary>GET /api/sessions/{id}/ratings: an objective, the rating the report proposes and the evidence for it, and the decision that counts so far.</summary>
/// <param name="ObjectiveId">The objective.</param>
/// <param name="Title">What it says.</param>
/// <param name="Proposed">The rating proposed from the recording; null where it proposes none (yet).</param>
/// <param name="Evidence">Each measure's evidence, as the AAR/IP prints it.</param>
/// <param name="Decided">The latest evaluator's decision; null before any.</param>
/// <param name="Revisit">
/// Where the decision was given against an earlier proposal (before the measure was reached), differs from the one
/// proposed now and gave no reason, the AAR/IP's words for it ("rated P by eval1 at …, before the measure was reached
/// (proposed none then); the recording now proposes M: no reason given"); null otherwise.
/// </param>
public sealed record ObjectiveRating(string ObjectiveId, string Title, Command.Domain.Exercises.ExerciseRating? Proposed, IReadOnlyList<string> Evidence, Command.Domain.Annotations.RatingDecided? Decided, string? Revisit);

/// <summary>
/// PUT /api/incidents/{id}/exercise: the scenario run and the objectives rated, which replace those set before.
/// <paramref name="Objectives"/> must be given: <c>[]</c> sets none.
/// </summary>
public sealed record ExerciseRequest(string? Scenario, string? Version, List<ObjectiveDto?>? Objectives);

/// <summary>An objective as the API carries it, with at least one measure.</summary>
public sealed record ObjectiveDto(string? Id, string? Title, List<MeasureDto?>? Measures);

/// <summary>A measure and its bands, seconds from the threat going active.</summary>
public sealed record MeasureDto(string? Measure, double? PerformedS, double? SomeChallengesS, double? MajorChallengesS);

/// <summary>POST /api/incidents/{id}/flags/{subject}/send: the unit to send in instead of the flagged one.</summary>
public sealed record SendRequest(string? UnitId);
