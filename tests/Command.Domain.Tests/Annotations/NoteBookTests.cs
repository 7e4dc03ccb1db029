using System.Collections.Immutable;
using Command.Domain.Annotations;
using Command.Domain.Exercises;

namespace Command.Domain.Tests.Annotations;

public sealed class NoteBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_stream_folds_to_each_note_as_it_now_stands_with_its_amendments_and_withdrawal()
    {
        var stream = Stream(
            Note("P1 waited at the car", NoteMark.Strength, "P1", author: "eva"),
            new RatingDecided("OBJ-1", ExerciseRating.Performed, ExerciseRating.Performed) { About = T0, Written = T0, Author = "eva" },
            Note("Radio stepped on", NoteMark.Observation, author: "sam"),
            new NoteAmended(1, "P1 waited at the car for a partner", NoteMark.AreaForImprovement, "P1", "OBJ-1", "marked a strength by mistake") { About = T0, Written = T0.AddMinutes(5), Author = "eva" },
            new NoteWithdrawn(3, "written on the wrong session") { About = T0, Written = T0.AddMinutes(6), Author = "admin" });

        var notes = NoteBook.Fold(stream);

        Assert.Equal([1L, 3L], notes.Select(n => n.Number));
        var first = notes[0];
        Assert.Equal(("P1 waited at the car for a partner", NoteMark.AreaForImprovement, "P1", "OBJ-1"), (first.Current.Text, first.Current.Mark, first.Current.UnitId, first.Current.ObjectiveId));
        // The note keeps its number, author and instant; the original is kept beside the current version.
        Assert.Equal((1L, "eva", T0.AddSeconds(1), T0.AddSeconds(1)), (first.Current.Number, first.Current.Author, first.Current.About, first.Current.Written));
        Assert.Equal(("P1 waited at the car", NoteMark.Strength), (first.Original.Text, first.Original.Mark));
        Assert.Equal("marked a strength by mistake", Assert.Single(first.Amendments).Reason);
        Assert.False(first.IsWithdrawn);
        Assert.True(notes[1].IsWithdrawn);
        Assert.Equal(("admin", "written on the wrong session"), (notes[1].Withdrawal!.Author, notes[1].Withdrawal!.Reason));

        // The paperwork's notes: current versions, the withdrawn one left out.
        Assert.Equal(["P1 waited at the car for a partner"], NoteBook.Current(stream).Select(n => n.Text));
    }

    [Fact]
    public void A_change_that_names_no_standing_note_is_passed_over_in_the_fold()
    {
        var stream = Stream(
            Note("First", NoteMark.Observation),
            new NoteWithdrawn(1, "wrong session") { Author = "eva" },
            new NoteAmended(1, "after withdrawal", NoteMark.Strength) { Author = "eva" },
            new NoteAmended(9, "no such note", NoteMark.Strength) { Author = "eva" },
            new NoteWithdrawn(2, "the withdrawal itself") { Author = "eva" });

        var note = Assert.Single(NoteBook.Fold(stream));
        Assert.Equal("First", note.Current.Text);
        Assert.Empty(note.Amendments);
        Assert.Equal("wrong session", note.Withdrawal!.Reason);
        Assert.Empty(NoteBook.Current(stream));
    }

    [Fact]
    public void The_author_amends_their_note_keeping_what_the_edit_leaves_out_and_clearing_what_it_empties()
    {
        var stream = Stream(Note("P1 waited", NoteMark.Strength, "P1", "OBJ-1", author: "eva"));

        var (mark, refused) = NoteBook.Amend(stream, "s1", 1, new NoteEdit(Mark: NoteMark.AreaForImprovement), "a strength by mistake", As("eva"), T0.AddHours(1), mayChangeAny: false);
        var (cleared, _) = NoteBook.Amend(stream, "s1", 1, new NoteEdit(Text: "  P1 waited for a partner ", UnitId: "", ObjectiveId: ""), null, As("eva"), T0.AddHours(1), mayChangeAny: false);

        Assert.Null(refused);
        Assert.Equal(new NoteAmended(1, "P1 waited", NoteMark.AreaForImprovement, "P1", "OBJ-1", "a strength by mistake") { About = T0.AddSeconds(1), Written = T0.AddHours(1), Author = "eva", AuthorId = "person:eva" }, mark);
        Assert.Equal(("P1 waited for a partner", null, null), (cleared!.Text, cleared.UnitId, cleared.ObjectiveId));
    }

    [Fact]
    public void Only_the_author_or_one_who_may_change_any_note_amends_or_withdraws_it()
    {
        var stream = Stream(Note("P1 waited", NoteMark.Strength, author: "eva"));

        var (_, other) = NoteBook.Amend(stream, "s1", 1, new NoteEdit(Text: "mine now"), null, As("sam"), T0, mayChangeAny: false);
        var (_, otherWithdraws) = NoteBook.Withdraw(stream, "s1", 1, "not mine", As("sam"), T0, mayChangeAny: false);
        var (byAdmin, admin) = NoteBook.Withdraw(stream, "s1", 1, "wrong session", As("admin"), T0, mayChangeAny: true);

        Assert.Equal(new AnnotationRefusal(AnnotationRefusalReason.NotTheAuthor, "note 1 of session 's1' is eva's: only its author may amend it"), other);
        Assert.Equal(AnnotationRefusalReason.NotTheAuthor, otherWithdraws!.Reason);
        Assert.Null(admin);
        Assert.Equal(("admin", "wrong session", 1L), (byAdmin!.Author, byAdmin.Reason, byAdmin.Note));
    }

    [Fact]
    public void A_note_that_does_not_exist_is_withdrawn_or_is_not_a_note_is_refused_by_name()
    {
        var stream = Stream(
            Note("P1 waited", NoteMark.Strength, author: "eva"),
            new RatingDecided("OBJ-1", ExerciseRating.Performed, ExerciseRating.Performed) { Author = "eva" },
            new NoteWithdrawn(1, "wrong session") { Written = T0.AddMinutes(3), Author = "eva" });

        Assert.Equal(
            new AnnotationRefusal(AnnotationRefusalReason.UnknownNote, "session 's1' has no note 4"),
            NoteBook.Amend(stream, "s1", 4, new NoteEdit(Text: "x"), null, As("eva"), T0, true).Refused);
        Assert.Equal(AnnotationRefusalReason.UnknownNote, NoteBook.Withdraw(stream, "s1", 0, "why", As("eva"), T0, true).Refused!.Reason);
        Assert.Equal(
            new AnnotationRefusal(AnnotationRefusalReason.NotANote, "annotation 2 of session 's1' is a rating decision for objective 'OBJ-1', not a note: decide the objective's rating again to change it"),
            NoteBook.Withdraw(stream, "s1", 2, "why", As("eva"), T0, true).Refused);
        Assert.Equal(AnnotationRefusalReason.NotANote, NoteBook.Amend(stream, "s1", 3, new NoteEdit(Text: "x"), null, As("eva"), T0, true).Refused!.Reason);
        Assert.Equal(
            new AnnotationRefusal(AnnotationRefusalReason.Withdrawn, "note 1 of session 's1' was withdrawn by eva at 2026-03-14 15:03:00 UTC (wrong session): a withdrawn note can be neither amended nor withdrawn again"),
            NoteBook.Amend(stream, "s1", 1, new NoteEdit(Text: "x"), null, As("eva"), T0, true).Refused);
        Assert.Equal(AnnotationRefusalReason.Withdrawn, NoteBook.Withdraw(stream, "s1", 1, "again", As("eva"), T0, true).Refused!.Reason);
    }

    [Fact]
    public void An_amendment_that_changes_nothing_or_breaks_the_rules_and_a_withdrawal_without_a_reason_are_refused()
    {
        var stream = Stream(Note("P1 waited", NoteMark.Strength, "P1", author: "eva"));

        Assert.Equal(AnnotationRefusalReason.Unchanged, NoteBook.Amend(stream, "s1", 1, new NoteEdit(), "no reason", As("eva"), T0, false).Refused!.Reason);
        Assert.Equal(AnnotationRefusalReason.Unchanged, NoteBook.Amend(stream, "s1", 1, new NoteEdit(Text: " P1 waited ", Mark: NoteMark.Strength, UnitId: "P1"), null, As("eva"), T0, false).Refused!.Reason);
        Assert.Equal(new AnnotationRefusal(AnnotationRefusalReason.Invalid, "text: required"), NoteBook.Amend(stream, "s1", 1, new NoteEdit(Text: "  "), null, As("eva"), T0, false).Refused);
        Assert.Equal(new AnnotationRefusal(AnnotationRefusalReason.Invalid, "unitId: not a unit id"), NoteBook.Amend(stream, "s1", 1, new NoteEdit(UnitId: "P 1/x"), null, As("eva"), T0, false).Refused);
        Assert.Equal(new AnnotationRefusal(AnnotationRefusalReason.Invalid, "reason: required"), NoteBook.Withdraw(stream, "s1", 1, " ", As("eva"), T0, false).Refused);
        Assert.Equal("reason: holds an invisible formatting character (U+202E)", NoteBook.Withdraw(stream, "s1", 1, "oops \u202e", As("eva"), T0, false).Refused!.Detail);
    }

    [Fact]
    public void Amendments_and_withdrawals_keep_their_shape_through_the_streams_json()
    {
        Annotation amended = new NoteAmended(1, "text", NoteMark.AreaForImprovement, "P1", null, "why") { Number = 2, About = T0, Written = T0, Author = "eva" };
        Annotation withdrawn = new NoteWithdrawn(1, "wrong session") { Number = 3, About = T0, Written = T0, Author = "eva" };

        var line = System.Text.Encoding.UTF8.GetString(AnnotationJson.SerializeLine(amended));

        Assert.StartsWith("""{"type":"amended","note":1,"text":"text","mark":"AreaForImprovement","unitId":"P1","reason":"why","number":2""", line, StringComparison.Ordinal);
        Assert.Equal(amended, AnnotationJson.Deserialize(AnnotationJson.SerializeLine(amended).AsSpan()[..^1]));
        Assert.Equal(withdrawn, AnnotationJson.Deserialize(AnnotationJson.SerializeLine(withdrawn).AsSpan()[..^1]));
    }

    [Fact]
    public void The_same_note_from_the_same_author_within_seconds_is_that_note_sent_again_and_nothing_else_is()
    {
        var stream = Stream(Note("P1 waited at the car", NoteMark.AreaForImprovement, "P1", author: "eva"));
        var again = Note("P1 waited at the car", NoteMark.AreaForImprovement, "P1", author: "eva") with { About = T0.AddSeconds(2), Written = T0.AddSeconds(9) };

        Assert.Equal(1L, NoteBook.Repeated(stream, again)?.Number);

        // Anything that tells it apart makes it a note of its own.
        Assert.Null(NoteBook.Repeated(stream, again with { Author = "sam" }));
        Assert.Null(NoteBook.Repeated(stream, again with { Text = "P1 waited at the car." }));
        Assert.Null(NoteBook.Repeated(stream, again with { Mark = NoteMark.Observation }));
        Assert.Null(NoteBook.Repeated(stream, again with { UnitId = null }));
        Assert.Null(NoteBook.Repeated(stream, again with { ObjectiveId = "OBJ-1" }));
        Assert.Null(NoteBook.Repeated(stream, again with { Written = T0.AddSeconds(12) }));
        // The same words about another moment of a replay, written at once.
        Assert.Null(NoteBook.Repeated(stream, again with { About = T0.AddMinutes(3) }));
        // A note amended or withdrawn since is not the one sent again.
        Assert.Null(NoteBook.Repeated(Stream(stream[0], new NoteWithdrawn(1, "wrong unit") { Author = "eva", Written = T0.AddSeconds(3) }), again));
        Assert.Null(NoteBook.Repeated(Stream(stream[0], new NoteAmended(1, "P1 waited", NoteMark.AreaForImprovement, "P1") { Author = "eva", Written = T0.AddSeconds(3) }), again));
    }

    [Fact]
    public void A_note_is_changed_only_by_the_identity_that_wrote_it_not_by_someone_added_again_under_its_name()
    {
        var first = new NoteAuthor("eva", "person:7f3a", T0.AddHours(-1));
        var again = new NoteAuthor("eva", "person:91c2", T0.AddHours(1));
        var stream = Stream(Note("P1 waited", NoteMark.Strength) with { AuthorId = first.Id });

        var (_, byNamesake) = NoteBook.Amend(stream, "s1", 1, new NoteEdit(Text: "mine now"), null, again, T0.AddHours(2), mayChangeAny: false);
        var (_, namesakeWithdraws) = NoteBook.Withdraw(stream, "s1", 1, "not mine", again, T0.AddHours(2), mayChangeAny: false);
        var (amended, byAuthor) = NoteBook.Amend(stream, "s1", 1, new NoteEdit(Text: "P1 waited at the car"), null, first, T0.AddHours(2), mayChangeAny: false);

        Assert.Equal(new AnnotationRefusal(AnnotationRefusalReason.NotTheAuthor, "note 1 of session 's1' is eva's: only its author may amend it"), byNamesake);
        Assert.Equal(AnnotationRefusalReason.NotTheAuthor, namesakeWithdraws!.Reason);
        Assert.Null(byAuthor);
        // The amendment is bound to who made it, as the note is.
        Assert.Equal(("eva", "person:7f3a"), (amended!.Author, amended.AuthorId));
    }

    [Fact]
    public void A_note_kept_with_its_authors_name_alone_is_theirs_only_if_they_were_added_before_it_was_written()
    {
        // Written at T0 + 1 s, before identities were kept: the name is all the stream holds.
        var stream = Stream(Note("P1 waited", NoteMark.Strength));
        var addedBefore = new NoteAuthor("eva", "person:7f3a", T0);
        var addedAfter = new NoteAuthor("eva", "person:91c2", T0.AddMinutes(30));

        Assert.Null(NoteBook.Amend(stream, "s1", 1, new NoteEdit(Text: "P1 waited at the car"), null, addedBefore, T0.AddHours(1), mayChangeAny: false).Refused);
        Assert.Equal(AnnotationRefusalReason.NotTheAuthor, NoteBook.Amend(stream, "s1", 1, new NoteEdit(Text: "mine now"), null, addedAfter, T0.AddHours(1), mayChangeAny: false).Refused!.Reason);
        Assert.Equal(AnnotationRefusalReason.NotTheAuthor, NoteBook.Withdraw(stream, "s1", 1, "not mine", addedAfter, T0.AddHours(1), mayChangeAny: false).Refused!.Reason);
        // It still folds, and reads with its author's name.
        Assert.Equal(("eva", null), (NoteBook.Fold(stream).Single().Author, NoteBook.Fold(stream).Single().Original.AuthorId));
    }

    // An author known since long before any note of these streams, whose notes bear their name alone.
    private static NoteAuthor As(string name) => new(name, $"person:{name}", DateTimeOffset.MinValue);

    private static EvaluatorNote Note(string text, NoteMark mark, string? unitId = null, string? objectiveId = null, string author = "eva") =>
        new(text, mark, unitId, objectiveId) { About = T0.AddSeconds(1), Written = T0.AddSeconds(1), Author = author };

    // Numbered as the grain numbers them: by place, from 1.
    private static ImmutableArray<Annotation> Stream(params Annotation[] annotations) =>
        [.. annotations.Select((a, i) => a with { Number = i + 1 })];
}
