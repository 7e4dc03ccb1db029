using Command.Fuzz;
using Command.Tools.Cli;

namespace Command.Tools.Tests.Fuzz;

public sealed class FuzzCommandTests
{
    private FuzzArguments? fuzzed;

    [Fact]
    public async Task No_options_fuzz_every_parser_with_100000_messages_from_seed_1()
    {
        await ToolRun.InvokeAsync(Command());

        Assert.Equal(new FuzzArguments("all", 100_000, 1), fuzzed);
    }

    [Fact]
    public async Task Parser_count_and_seed_are_read()
    {
        await ToolRun.InvokeAsync(Command(), "--parser", "cot", "--count", "1000000", "--seed", "9");

        Assert.Equal(new FuzzArguments("cot", 1_000_000, 9), fuzzed);
    }

    [Theory]
    [InlineData(new[] { "--parser", "tak" }, "--parser must be one of all, cot, takproto, nmea, aprs, kiss, osmand, osmand-json, json (was 'tak').")]
    [InlineData(new[] { "--count", "0" }, "--count must be a whole number of at least 1 (was '0').")]
    [InlineData(new[] { "--seed", "x" }, "--seed must be a whole number (was 'x').")]
    public async Task Wrong_command_line_is_named_and_nothing_is_fuzzed(string[] args, string expected)
    {
        var run = await ToolRun.InvokeAsync(Command(), args);

        Assert.Equal((ToolInvocation.UsageError, expected, null), (run.Exit, run.Errors[0], fuzzed));
    }

    private FuzzCommand Command() => new(arguments =>
    {
        fuzzed = arguments;
        return 0;
    });
}
