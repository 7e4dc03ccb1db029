using System.CommandLine;
using Command.Simulator.Load;
using Command.Simulator.Play;

namespace Command.Simulator.Cli;

/// <summary>The simulator's command line: the play and load verbs, each handing its arguments to the given run.</summary>
internal sealed class SimulatorCommand : RootCommand
{
    public SimulatorCommand(Func<PlayArguments, CancellationToken, Task<int>> play, Func<LoadArguments, CancellationToken, Task<int>> load)
        : base("Command drill simulator: plays scenarios against a running host, or loads it, over its public HTTP API.")
    {
        Subcommands.Add(new PlayVerb(play));
        Subcommands.Add(new LoadVerb(load));
    }
}
