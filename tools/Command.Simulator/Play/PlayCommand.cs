using Command.Simulation.Demo;
using Command.Simulation.Engine;
using Command.Simulator.Api;

namespace Command.Simulator.Play;

/// <summary>play: a scenario against a running host until it ends (or for ever with --loop), or until Ctrl+C.</summary>
internal static class PlayCommand
{
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(PlayArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var (url, options, incidentId) = (arguments.Url, arguments.Drill, arguments.IncidentId);
        var scenario = await DemoScenario.LoadByNameOrPathAsync(arguments.Scenario, cancellationToken);

        if (ApiHttp.TokenFromEnvironment() is not { } token)
        {
            await Console.Error.WriteLineAsync(ApiHttp.MissingToken);
            return 2;
        }

        using var http = ApiHttp.Create(url, token);
        var tally = new ReportTally();
        var sink = new HttpDrillSink(new CommandApiClient(http), incidentId, arguments.ScenarioName, options.Speed, tally, output, scenario.Exercise(arguments.ScenarioName));
        await using var engine = new DrillEngine(scenario, sink, TimeProvider.System, options);
        await output.WriteLineAsync($"Playing '{scenario.Name}' ({scenario.DurationS:F0} s) at {options.Speed}x into {url} as incident '{incidentId}'{(options.Loop ? ", looping" : "")}.");
        await engine.StartAsync(cancellationToken);
        using var status = new PeriodicTimer(StatusEvery);
        try
        {
            while (!engine.Completion.IsCompleted)
            {
                var next = status.WaitForNextTickAsync(cancellationToken).AsTask();
                if (await Task.WhenAny(engine.Completion, next) == next)
                {
                    await next;
                    await output.WriteLineAsync(Describe(engine.Status, tally));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync("Stopping.");
            await engine.StopAsync();
        }

        // A faulted drill rethrows the sink's exception here, which Program reports.
        await engine.Completion;
        await sink.EndedAsync(CancellationToken.None);
        await output.WriteLineAsync($"{Describe(engine.Status, tally)}. Done.");
        return 0;
    }

    private static string Describe(DrillStatus s, ReportTally tally) =>
        $"[{s.State.ToString().ToLowerInvariant()}] drill {s.DrillTime:mm\\:ss} of {s.Duration:mm\\:ss}, loop {s.Iteration}, {s.Speed}x: {tally}";
}
