using System.CommandLine;
using Command.Simulation.Demo;
using Command.Simulation.Engine;
using Command.Simulator.Play;
using Command.Tools.Cli;

namespace Command.Simulator.Cli;

/// <summary>The play verb: its options, their defaults and ranges, and the <see cref="PlayArguments"/> they give.</summary>
internal sealed class PlayVerb : System.CommandLine.Command
{
    private readonly Option<Uri> url = UrlOption.Create("--url", "The running host, e.g. http://127.0.0.1:5000");
    private readonly Option<string> scenario = new("--scenario")
    {
        Description = "demo, or the path of a scenario file",
        HelpName = "demo|file.json",
        DefaultValueFactory = _ => DemoScenario.Name,
    };

    private readonly Option<string?> incident = new("--incident") { Description = "The incident to create or reuse [default: named after the scenario]" };
    private readonly Option<double> speed = NumberOption.Between("--speed", "Drill seconds per wall-clock second", 1.0, DrillOptions.MinSpeed, DrillOptions.MaxSpeed);
    private readonly Option<int> seed = NumberOption.Any("--seed", "Seed for jitter, noise and outliers; the same seed gives the same reports", 0);
    private readonly Option<bool> loop = new("--loop") { Description = "Restart the script when it ends, until Ctrl+C" };

    public PlayVerb(Func<PlayArguments, CancellationToken, Task<int>> play)
        : base("play", """
            Plays a scenario against a running host: creates (or reuses) the incident, enrols the units, places the
            threat, then posts each tick's reports in one request. Fix times stay on the wall clock, so at speed k
            units appear to move k times faster.
            """)
    {
        url.Required = true;
        scenario.Validators.Add(result =>
        {
            // Caught here, with the usage, rather than as a missing file once the drill is being set up.
            var name = result.GetValueOrDefault<string>();
            if (!string.Equals(name, DemoScenario.Name, StringComparison.OrdinalIgnoreCase) && !File.Exists(name))
            {
                result.AddError($"--scenario must be demo or a scenario file that exists (was '{name}').");
            }
            else if (Path.GetFileNameWithoutExtension(name) is var drill && !Domain.Validation.ScenarioName.IsValid(drill))
            {
                // The host records a drill by its scenario's name and refuses one that is none: found out once the
                // incident was created and its units enrolled, the play stopped there.
                result.AddError($"--scenario's file name is the name its drill is recorded by, {Domain.Validation.ScenarioName.Shape} (was '{drill}'); rename the file.");
            }
        });
        Options.Add(url);
        Options.Add(scenario);
        Options.Add(speed);
        Options.Add(incident);
        Options.Add(seed);
        Options.Add(loop);
        SetAction((parsed, cancellationToken) => play(Read(parsed), cancellationToken));
    }

    private PlayArguments Read(ParseResult parsed) => new(
        parsed.GetRequiredValue(url),
        parsed.GetRequiredValue(scenario),
        parsed.GetValue(incident),
        new DrillOptions { Speed = parsed.GetValue(speed), Seed = parsed.GetValue(seed), Loop = parsed.GetValue(loop) });
}
