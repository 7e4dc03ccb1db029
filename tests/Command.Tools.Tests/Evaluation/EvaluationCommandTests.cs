using Command.Evaluation;
using Command.Tools.Cli;

namespace Command.Tools.Tests.Evaluation;

public sealed class EvaluationCommandTests
{
    private EvaluationArguments? evaluated;

    [Fact]
    public async Task No_options_score_the_published_set_of_360_incidents_from_seed_2026()
    {
        await ToolRun.InvokeAsync(Command());

        Assert.Equal(new EvaluationArguments(2026, 360, false, null), evaluated);
    }

    [Fact]
    public async Task Seed_count_and_details_are_read()
    {
        await ToolRun.InvokeAsync(Command(), "--seed", "-7", "--incidents", "12", "--details");

        Assert.Equal(new EvaluationArguments(-7, 12, true, null), evaluated);
    }

    [Fact]
    public async Task Trace_takes_an_incident_index_and_a_unit()
    {
        await ToolRun.InvokeAsync(Command(), "--trace", "3", "s3", "--seed", "1");

        Assert.Equal(new EvaluationArguments(1, 360, false, new UnitTrace(3, "s3")), evaluated);
    }

    [Fact]
    public async Task Evaluations_own_exit_code_is_kept_apart_from_a_wrong_command_line()
    {
        var run = await ToolRun.InvokeAsync(new EvaluationCommand(_ => 1));

        Assert.Equal(1, run.Exit);
    }

    [Theory]
    [InlineData(new[] { "--seed", "twenty" }, "--seed must be a whole number (was 'twenty').")]
    [InlineData(new[] { "--incidents", "0" }, "--incidents must be a whole number of at least 1 (was '0').")]
    [InlineData(new[] { "--trace", "first", "s3" }, "--trace takes an incident's index in the set (0, 1, ...) and a unit id (was 'first s3').")]
    [InlineData(new[] { "--trace", "-1", "s3" }, "--trace takes an incident's index in the set (0, 1, ...) and a unit id (was '-1 s3').")]
    [InlineData(new[] { "--trace", "3" }, "Required argument missing for option: '--trace'.")]
    [InlineData(new[] { "--detail" }, "Unrecognized command or argument '--detail'.")]
    public async Task Wrong_command_line_is_named_and_nothing_is_evaluated(string[] args, string expected)
    {
        var run = await ToolRun.InvokeAsync(Command(), args);

        Assert.Equal((ToolInvocation.UsageError, expected, null), (run.Exit, run.Errors[0], evaluated));
    }

    private EvaluationCommand Command() => new(arguments =>
    {
        evaluated = arguments;
        return 0;
    });
}
