using System.CommandLine;

namespace Command.Tools.Cli;

/// <summary>Runs a tool's parsed command line the same way for every tool.</summary>
public static class ToolInvocation
{
    /// <summary>
    /// Exit code of a command line that did not parse or validate: 2, as for shell built-ins, so a script can tell it
    /// from a tool's own failure (1: a host unreachable, an evaluation that missed a hold).
    /// </summary>
    public const int UsageError = 2;

    /// <summary>
    /// Runs the tool's action, or prints what is wrong with the command line (to <see cref="InvocationConfiguration.Error"/>)
    /// and the help (to <see cref="InvocationConfiguration.Output"/>) and returns <see cref="UsageError"/>.
    /// </summary>
    public static async Task<int> InvokeToolAsync(this ParseResult parsed, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        var exit = await parsed.InvokeAsync(configuration, cancellationToken);
        return parsed.Errors.Count > 0 ? UsageError : exit;
    }
}
