using Command.Simulation.Files;
using Command.Simulator.Cli;
using Command.Simulator.Load;
using Command.Simulator.Play;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops the drill cleanly; the default handler would kill the process mid-request.
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    var line = CommandLine.Parse(args);
    return line.Verb switch
    {
        "play" => await PlayCommand.RunAsync(line, Console.Out, cancel.Token),
        "load" => await LoadCommand.RunAsync(line, Console.Out, cancel.Token),
        _ => throw new UsageException($"Unknown command '{line.Verb}'."),
    };
}
catch (UsageException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    await Console.Error.WriteLineAsync(Usage.Text);
    return 2;
}
catch (ScenarioException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}
catch (HttpRequestException e)
{
    await Console.Error.WriteLineAsync($"The host refused or could not be reached: {e.Message}");
    return 1;
}
