using System.CommandLine;
using Command.Simulator.Cli;
using Command.Simulator.Load;
using Command.Simulator.Play;
using Command.Tools.Cli;

namespace Command.Simulation.Tests.Simulator;

/// <summary>Runs the simulator's command line with verbs that only record what they were given.</summary>
internal sealed class SimulatorRun
{
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public PlayArguments? Played { get; private set; }

    public LoadArguments? Loaded { get; private set; }

    public int Exit { get; private set; }

    public string Output => output.ToString();

    /// <summary>The lines the command line wrote to stderr: one per error.</summary>
    public string[] Errors => error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    public static async Task<SimulatorRun> InvokeAsync(params string[] args)
    {
        var run = new SimulatorRun();
        var command = new SimulatorCommand(
            (play, _) =>
            {
                run.Played = play;
                return Task.FromResult(0);
            },
            (load, _) =>
            {
                run.Loaded = load;
                return Task.FromResult(0);
            });
        run.Exit = await command.Parse(args).InvokeToolAsync(new InvocationConfiguration { Output = run.output, Error = run.error });
        return run;
    }
}
