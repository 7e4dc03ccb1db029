using Command.Domain.Annotations;
using Command.Domain.Exercises;
using Command.Grains.Annotations;
using Command.Grains.Tests.Support;

namespace Command.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class AnnotationGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Annotations_are_numbered_in_order_and_come_back_whole_through_the_cluster()
    {
        var grain = fixture.Grains.GetGrain<IAnnotationGrain>($"notes-{Guid.NewGuid():N}");
        var at = ClusterFixture.Start;

        var note = await grain.Add(new EvaluatorNote("P1 waited", NoteMark.AreaForImprovement, "P1", "OBJ-1") { About = at, Written = at.AddHours(1), Author = "eval" });
        var rating = await grain.Add(new RatingDecided("OBJ-1", ExerciseRating.MajorChallenges, ExerciseRating.Unable, "why") { About = at, Written = at.AddHours(1), Author = "eval" });

        Assert.Equal((1, 2), (note.Number, rating.Number));
        Assert.Equal([note, rating], await grain.List());
        await Assert.ThrowsAsync<ArgumentException>(() => grain.Add(new EvaluatorNote(" ", NoteMark.Observation) { About = at, Written = at, Author = "eval" }));
    }
}
