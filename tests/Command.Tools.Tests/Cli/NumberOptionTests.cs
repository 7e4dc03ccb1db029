using System.CommandLine;
using Command.Tools.Cli;

namespace Command.Tools.Tests.Cli;

public sealed class NumberOptionTests
{
    [Theory]
    [InlineData("7", 7)]
    [InlineData("-3", -3)]
    public void Any_whole_number_is_read(string text, int expected)
    {
        var option = NumberOption.Any("--seed", "seed", 0);

        Assert.Equal(expected, Parse(option, "--seed", text).GetValue(option));
    }

    [Fact]
    public void Fraction_is_read_in_the_invariant_culture()
    {
        var option = NumberOption.Between("--speed", "speed", 1.0, 0.25, 60);

        Assert.Equal(0.5, Parse(option, "--speed", "0.5").GetValue(option));
    }

    [Fact]
    public void Default_is_used_when_the_option_is_not_given()
    {
        var option = NumberOption.AtLeast("--count", "count", 100_000, 1);

        Assert.Equal(100_000, Parse(option).GetValue(option));
    }

    [Theory]
    [InlineData("abc", "--seed must be a whole number (was 'abc').")]
    [InlineData("1.5", "--seed must be a whole number (was '1.5').")]
    public void Unbounded_whole_number_refuses_what_is_not_one(string text, string expected)
    {
        Assert.Equal([expected], Errors(NumberOption.Any("--seed", "seed", 0), "--seed", text));
    }

    [Theory]
    [InlineData("0", "--count must be a whole number of at least 1 (was '0').")]
    [InlineData("-5", "--count must be a whole number of at least 1 (was '-5').")]
    public void Count_below_its_floor_is_refused_with_the_floor(string text, string expected)
    {
        Assert.Equal([expected], Errors(NumberOption.AtLeast("--count", "count", 100, 1), "--count", text));
    }

    [Theory]
    [InlineData("0.2", "--speed must be a number from 0.25 to 60 (was '0.2').")]
    [InlineData("fast", "--speed must be a number from 0.25 to 60 (was 'fast').")]
    public void Number_outside_its_range_is_refused_with_the_range(string text, string expected)
    {
        Assert.Equal([expected], Errors(NumberOption.Between("--speed", "speed", 1.0, 0.25, 60), "--speed", text));
    }

    [Fact]
    public void Optional_number_is_null_when_not_given_and_its_value_when_given()
    {
        var option = NumberOption.Optional("--hosts", "hosts", 1, 8);

        Assert.Equal(((int?)null, (int?)3), (Parse(option).GetValue(option), Parse(option, "--hosts", "3").GetValue(option)));
    }

    [Theory]
    [InlineData("0", "--hosts must be a whole number from 1 to 8 (was '0').")]
    [InlineData("three", "--hosts must be a whole number from 1 to 8 (was 'three').")]
    public void Optional_number_outside_its_range_is_refused_with_the_range(string text, string expected)
    {
        Assert.Equal([expected], Errors(NumberOption.Optional("--hosts", "hosts", 1, 8), "--hosts", text));
    }

    private static ParseResult Parse(Option option, params string[] args) => new RootCommand { option }.Parse(args);

    private static string[] Errors(Option option, params string[] args) => [.. Parse(option, args).Errors.Select(e => e.Message)];
}
