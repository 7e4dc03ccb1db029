using System.CommandLine;
using Command.Tools.Cli;

namespace Command.Tools.Tests.Cli;

public sealed class ToolInvocationTests
{
    [Fact]
    public async Task Wrong_command_line_exits_with_the_usage_code_and_runs_nothing()
    {
        var ran = false;
        var run = await ToolRun.InvokeAsync(Tool(() => ran = true, 0), "--bogus");

        Assert.Equal((ToolInvocation.UsageError, false), (run.Exit, ran));
        Assert.Equal(["Unrecognized command or argument '--bogus'."], run.Errors);
    }

    [Fact]
    public async Task Tools_own_exit_code_is_kept()
    {
        var run = await ToolRun.InvokeAsync(Tool(() => true, 1));

        Assert.Equal(1, run.Exit);
    }

    [Fact]
    public async Task Help_exits_zero_with_the_usage_and_runs_nothing()
    {
        var ran = false;
        var run = await ToolRun.InvokeAsync(Tool(() => ran = true, 0), "--help");

        Assert.Equal((0, true, false), (run.Exit, run.Output.Contains("Usage:", StringComparison.Ordinal), ran));
    }

    private static RootCommand Tool(Func<bool> action, int exit)
    {
        var tool = new RootCommand("a tool");
        tool.SetAction(_ =>
        {
            action();
            return exit;
        });
        return tool;
    }
}
