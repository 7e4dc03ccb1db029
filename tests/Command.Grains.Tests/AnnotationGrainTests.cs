using System.Threading.Channels;
using Command.Domain.Annotations;
using Command.Domain.Exercises;
using Command.Grains.Annotations;
using Command.Grains.Tests.Support;

namespace Command.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class AnnotationGrainTests(ClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Annotations_are_numbered_in_order_and_come_back_whole_through_the_cluster()
    {
        var grain = fixture.Grains.GetGrain<IAnnotationGrain>($"notes-{Guid.NewGuid():N}");
        var at = ClusterFixture.Start;

        var note = (await grain.Add(new EvaluatorNote("P1 waited", NoteMark.AreaForImprovement, "P1", "OBJ-1") { About = at, Written = at.AddHours(1), Author = "eval" })).Kept!;
        var rating = (await grain.Add(new RatingDecided("OBJ-1", ExerciseRating.MajorChallenges, ExerciseRating.Unable, "why") { About = at, Written = at.AddHours(1), Author = "eval" })).Kept!;

        Assert.Equal((1, 2), (note.Number, rating.Number));
        Assert.Equal([note, rating], await grain.List());
        await Assert.ThrowsAsync<ArgumentException>(() => grain.Add(new EvaluatorNote(" ", NoteMark.Observation) { About = at, Written = at, Author = "eval" }));
    }

    [Fact]
    public async Task A_note_is_amended_and_withdrawn_by_appending_and_the_stream_keeps_every_version()
    {
        var grain = fixture.Grains.GetGrain<IAnnotationGrain>($"notes-{Guid.NewGuid():N}");
        var at = ClusterFixture.Start;
        var note = (await grain.Add(new EvaluatorNote("P1 waited", NoteMark.Strength, "P1") { About = at, Written = at, Author = "eva" })).Kept!;

        var amended = await grain.Amend(note.Number, new NoteEdit(Mark: NoteMark.AreaForImprovement), "a strength by mistake", As("eva"), at.AddMinutes(5), mayChangeAny: false);
        var byOther = await grain.Amend(note.Number, new NoteEdit(Text: "mine"), null, As("sam"), at.AddMinutes(6), mayChangeAny: false);
        var withdrawn = await grain.Withdraw(note.Number, "written on the wrong session", As("admin"), at.AddMinutes(7), mayChangeAny: true);
        var again = await grain.Amend(note.Number, new NoteEdit(Text: "too late"), null, As("eva"), at.AddMinutes(8), mayChangeAny: false);

        Assert.Equal(new NoteAmended(1, "P1 waited", NoteMark.AreaForImprovement, "P1", null, "a strength by mistake") { Number = 2, About = at, Written = at.AddMinutes(5), Author = "eva", AuthorId = "person:eva" }, amended.Kept);
        Assert.Null(amended.Refused);
        Assert.Equal((null, AnnotationRefusalReason.NotTheAuthor), (byOther.Kept, byOther.Refused!.Reason));
        Assert.Equal(3, withdrawn.Kept!.Number);
        Assert.Equal(AnnotationRefusalReason.Withdrawn, again.Refused!.Reason);

        // Refusals keep nothing; the note is there as written, beside what changed it.
        var stream = await grain.List();
        Assert.Equal([note, amended.Kept!, withdrawn.Kept], stream);
        Assert.Empty(NoteBook.Current(stream));
        await Assert.ThrowsAsync<ArgumentException>(() => grain.Add(new NoteWithdrawn(1, "behind the check") { Author = "sam" }));
    }

    [Fact]
    public async Task A_session_holding_the_most_annotations_it_may_keeps_no_more_of_any_kind_and_says_so()
    {
        var id = $"notes-{Guid.NewGuid():N}";
        var at = ClusterFixture.Start;
        // Written before the grain first reads the stream: all but one of the most it may hold, note 1 among them.
        for (var n = 1; n < AnnotationRules.MaxPerSession; n++)
        {
            await fixture.Annotations.AppendAsync(id, new EvaluatorNote($"note {n}", NoteMark.Observation) { Number = n, About = at, Written = at, Author = "eva" }, Ct);
        }

        var grain = fixture.Grains.GetGrain<IAnnotationGrain>(id);
        var last = await grain.Add(new EvaluatorNote("the last one", NoteMark.Strength) { About = at, Written = at, Author = "eva" });
        var note = await grain.Add(new EvaluatorNote("one more", NoteMark.Strength) { About = at, Written = at, Author = "eva" });
        var rating = await grain.Add(new RatingDecided("OBJ-1", ExerciseRating.Performed, null) { About = at, Written = at, Author = "eva" });
        var amended = await grain.Amend(1, new NoteEdit(Text: "note one, amended"), null, As("eva"), at, mayChangeAny: false);
        var withdrawn = await grain.Withdraw(1, "wrong session", As("eva"), at, mayChangeAny: false);
        var unknown = await grain.Amend(AnnotationRules.MaxPerSession + 5, new NoteEdit(Text: "x"), null, As("eva"), at, mayChangeAny: false);

        Assert.Equal((AnnotationRules.MaxPerSession, (AnnotationRefusal?)null), (last.Kept!.Number, last.Refused));
        var full = new AnnotationRefusal(
            AnnotationRefusalReason.LimitReached,
            $"session '{id}' holds 10,000 annotations (notes, rating decisions, amendments and withdrawals), the most one session keeps: it takes no more");
        Assert.Equal([(null, full), (null, full), (null, full), (null, full)], new[] { note, rating, amended, withdrawn }.Select(a => (a.Kept, a.Refused)));
        // A change it would refuse anyway is refused for that.
        Assert.Equal(AnnotationRefusalReason.UnknownNote, unknown.Refused!.Reason);
        var stream = await grain.List();
        Assert.Equal((AnnotationRules.MaxPerSession, "the last one"), (stream.Length, ((EvaluatorNote)stream[^1]).Text));
        Assert.Equal(AnnotationRules.MaxPerSession, (await fixture.Annotations.ReadAsync(id, Ct)).Length);
    }

    [Fact]
    public async Task A_host_watching_the_notes_hears_of_each_annotation_kept()
    {
        var id = $"notes-{Guid.NewGuid():N}";
        var grain = fixture.Grains.GetGrain<IAnnotationGrain>(id);
        var observer = new Catcher();
        var reference = fixture.Grains.CreateObjectReference<IAnnotationObserver>(observer);
        try
        {
            Assert.True(await grain.Subscribe(reference));
            Assert.False(await grain.Subscribe(reference));
            var at = ClusterFixture.Start;

            await grain.Add(new EvaluatorNote("P1 waited", NoteMark.Strength) { About = at, Written = at, Author = "eva" });
            await grain.Withdraw(1, "wrong session", As("eva"), at, mayChangeAny: false);

            // Each is told one way, so two may arrive either way round: a host only reads the notes again on each.
            var heard = new[]
            {
                await observer.Heard.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct),
                await observer.Heard.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct),
            };
            Assert.Equal([(id, 1L), (id, 2L)], heard.Order());
        }
        finally
        {
            await grain.Unsubscribe(reference);
            fixture.Grains.DeleteObjectReference<IAnnotationObserver>(reference);
        }
    }

    // An author known since long before any note here, whose notes bear their name alone.
    private static NoteAuthor As(string name) => new(name, $"person:{name}", DateTimeOffset.MinValue);

    private sealed class Catcher : IAnnotationObserver
    {
        public Channel<(string, long)> Heard { get; } = Channel.CreateUnbounded<(string, long)>();

        public Task OnAnnotated(string incidentId, long number)
        {
            Heard.Writer.TryWrite((incidentId, number));
            return Task.CompletedTask;
        }
    }
}
