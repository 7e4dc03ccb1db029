using System.CommandLine;
using Command.Tools.Cli;

namespace Command.Tools.Tests.Cli;

public sealed class ChoiceOptionTests
{
    private readonly Option<string> format = ChoiceOption.OneOf("--format", "format", ["html", "json", "csv"], "html");

    [Theory]
    [InlineData("json", "json")]
    [InlineData("CSV", "csv")]
    public void Choice_is_read_in_any_case_and_given_back_as_listed(string text, string expected)
    {
        Assert.Equal(expected, new RootCommand { format }.Parse(["--format", text]).GetValue(format));
    }

    [Fact]
    public void Default_is_used_when_the_option_is_not_given()
    {
        Assert.Equal("html", new RootCommand { format }.Parse([]).GetValue(format));
    }

    [Fact]
    public void Unknown_choice_is_refused_with_the_choices()
    {
        var parsed = new RootCommand { format }.Parse(["--format", "pdf"]);

        Assert.Equal(["--format must be one of html, json, csv (was 'pdf')."], parsed.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Choice_without_a_default_is_null_when_not_given()
    {
        var only = ChoiceOption.OneOf("--only", "phase", ["bare", "ceiling", "latency"]);

        Assert.Null(new RootCommand { only }.Parse([]).GetValue(only));
    }
}
