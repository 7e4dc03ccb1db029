using Command.Simulator.Cli;

namespace Command.Simulation.Tests.Simulator;

public sealed class CommandLineTests
{
    [Fact]
    public void Options_flags_and_numbers_are_read()
    {
        var line = CommandLine.Parse(["play", "--url", "http://127.0.0.1:5000", "--speed", "10", "--loop"]);

        Assert.Equal(("play", "http://127.0.0.1:5000", 10.0, true, "demo"),
            (line.Verb, line.Required("url"), line.Number("speed", 1, 0.25, 60), line.Flag("loop"), line.Text("scenario", "demo")));
    }

    [Theory]
    [InlineData(new[] { "--url", "x" }, "Give a command: play or load.")]
    [InlineData(new[] { "play", "url" }, "Unexpected 'url': options look like --name value.")]
    [InlineData(new[] { "play", "--url" }, "--url needs a value.")]
    public void Malformed_command_lines_say_what_is_wrong(string[] args, string expected)
    {
        Assert.Equal(expected, Assert.Throws<UsageException>(() => CommandLine.Parse(args)).Message);
    }

    [Fact]
    public void Speed_outside_its_range_is_refused_with_the_range()
    {
        var line = CommandLine.Parse(["play", "--speed", "100"]);

        Assert.Equal("--speed must be a number from 0.25 to 60 (was '100').", Assert.Throws<UsageException>(() => line.Number("speed", 1, 0.25, 60)).Message);
    }

    [Fact]
    public void Misspelt_option_is_refused_rather_than_ignored()
    {
        var line = CommandLine.Parse(["play", "--url", "u", "--sped", "10"]);

        Assert.Equal("Unknown option --sped for 'play'.", Assert.Throws<UsageException>(() => line.RejectUnknown("url", "speed")).Message);
    }

    [Fact]
    public void Required_option_missing_is_named()
    {
        Assert.Equal("--url is required.", Assert.Throws<UsageException>(() => CommandLine.Parse(["load"]).Required("url")).Message);
    }
}
