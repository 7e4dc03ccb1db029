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
}
