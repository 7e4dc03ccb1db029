using Command.Domain.Exercises;
using Command.Domain.Sites;

namespace Command.Domain.Tests.Sites;

/// <summary>What the API writes back, a client may send back: names are read with or without their hyphens.</summary>
public sealed class WireNameTests
{
    [Theory]
    [InlineData("casualty-collection", ZoneKind.CasualtyCollection)]
    [InlineData("casualtyCollection", ZoneKind.CasualtyCollection)]
    [InlineData(" Hot ", ZoneKind.Hot)]
    public void A_zone_kind_is_read_as_the_api_writes_it_and_as_files_spell_it(string text, ZoneKind expected)
    {
        Assert.True(ZoneKindNames.TryParse(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData("casualty collection")]
    [InlineData("casualty")]
    [InlineData("")]
    public void Anything_else_is_not_a_zone_kind(string text) => Assert.False(ZoneKindNames.TryParse(text, out _));

    [Theory]
    [InlineData("some-challenges", ExerciseRating.SomeChallenges)]
    [InlineData("someChallenges", ExerciseRating.SomeChallenges)]
    [InlineData("S", ExerciseRating.SomeChallenges)]
    [InlineData("majorChallenges", ExerciseRating.MajorChallenges)]
    public void A_rating_is_read_as_the_api_writes_it_and_by_its_letter(string text, ExerciseRating expected)
    {
        Assert.True(ExerciseRatings.TryParse(text, out var rating));
        Assert.Equal(expected, rating);
    }
}
