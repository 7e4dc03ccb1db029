using Command.Domain.Annotations;

namespace Command.Domain.Tests.Annotations;

public sealed class AnnotationRulesTests
{
    [Fact]
    public void A_note_that_would_show_turned_round_is_refused_naming_the_character()
    {
        Assert.Equal("text: holds an invisible formatting character (U+202E)", AnnotationRules.Check(new EvaluatorNote("P1 \u202eclosed in", NoteMark.Strength)));
        Assert.Equal("reason: holds an invisible formatting character (U+2066)",
            AnnotationRules.Check(new RatingDecided("OBJ-1", Exercises.ExerciseRating.Performed, Exercises.ExerciseRating.Performed, "\u2066late")));
    }

    [Fact]
    public void A_note_keeps_its_line_breaks_and_the_joiners_emoji_are_built_with() =>
        Assert.Null(AnnotationRules.Check(new EvaluatorNote("First line\r\nthen \ud83d\udc69\u200d\ud83d\ude92 arrived", NoteMark.Strength)));

    [Fact]
    public void A_rating_changed_from_the_proposal_needs_a_reason_and_one_confirmed_or_proposed_none_does_not()
    {
        Assert.Equal(
            "reason: the report proposed U (unable to be performed) for 'OBJ-1' from the recording; rating it M changes that, and the AAR/IP prints why beside it: give the reason",
            AnnotationRules.Check(new RatingDecided("OBJ-1", Exercises.ExerciseRating.MajorChallenges, Exercises.ExerciseRating.Unable)));
        Assert.NotNull(AnnotationRules.Check(new RatingDecided("OBJ-1", Exercises.ExerciseRating.MajorChallenges, Exercises.ExerciseRating.Unable, " \n ")));
        Assert.Null(AnnotationRules.Check(new RatingDecided("OBJ-1", Exercises.ExerciseRating.MajorChallenges, Exercises.ExerciseRating.Unable, "a second unit was sent within seconds")));
        Assert.Null(AnnotationRules.Check(new RatingDecided("OBJ-1", Exercises.ExerciseRating.Unable, Exercises.ExerciseRating.Unable)));
        Assert.Null(AnnotationRules.Check(new RatingDecided("OBJ-1", Exercises.ExerciseRating.Performed, null)));
    }
}
