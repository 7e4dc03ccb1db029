using System.CommandLine;
using Command.Tools.Cli;

namespace Command.Tools.Tests;

/// <summary>One invocation of a tool's command line, with its output and errors caught rather than printed.</summary>
internal sealed class ToolRun
{
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public int Exit { get; private set; }

    public string Output => output.ToString();

    /// <summary>The lines written to stderr: one per error.</summary>
    public string[] Errors => error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    public static async Task<ToolRun> InvokeAsync(RootCommand command, params string[] args)
    {
        var run = new ToolRun();
        run.Exit = await command.Parse(args).InvokeToolAsync(new InvocationConfiguration { Output = run.output, Error = run.error });
        return run;
    }
}
