using System.CommandLine;
using Command.Simulation.Files;
using Command.Simulator.Cli;
using Command.Simulator.Load;
using Command.Simulator.Play;
using Command.Tools.Cli;

// Ctrl+C cancels the run rather than killing the process mid-request: play stops the drill, load lets the requests
// in flight finish so their outcome counts. Either then prints its tally, well within this grace.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
var command = new SimulatorCommand(
    (play, cancellationToken) => ReportFailureAsync(PlayCommand.RunAsync(play, Console.Out, cancellationToken)),
    (load, cancellationToken) => ReportFailureAsync(LoadCommand.RunAsync(load, Console.Out, cancellationToken)));
return await command.Parse(args).InvokeToolAsync(invocation);

// A bad scenario file or an unreachable host is the user's to fix: say what it is, without a stack trace.
static async Task<int> ReportFailureAsync(Task<int> run)
{
    try
    {
        return await run;
    }
    catch (ScenarioException e)
    {
        await Console.Error.WriteLineAsync(e.Message);
        return 1;
    }
    catch (ArgumentException e)
    {
        // A scenario that cannot be played as asked: at a speed that would send the host more reports than a drill may.
        await Console.Error.WriteLineAsync(e.Message);
        return 1;
    }
    catch (MissingRightsException e)
    {
        await Console.Error.WriteLineAsync(e.Message);
        return 1;
    }
    catch (HttpRequestException e)
    {
        await Console.Error.WriteLineAsync($"The host refused or could not be reached: {e.Message}");
        return 1;
    }
}
