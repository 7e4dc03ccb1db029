using System.Text.RegularExpressions;
using Command.Simulation.Demo;
using Command.Simulation.Scenarios;
using Microsoft.Extensions.Options;

namespace Command.Host.Drills;

/// <summary>
/// The scenarios a drill may be started with: "demo", or a name of a file in the scenario folder. Names, never
/// paths, so a request cannot make the host read an arbitrary file.
/// </summary>
public sealed partial class ScenarioLibrary(IOptions<DemoOptions> options, IHostEnvironment environment)
{
    public Task<Scenario> LoadAsync(string name, CancellationToken cancellationToken)
    {
        if (string.Equals(name, DemoScenario.Name, StringComparison.OrdinalIgnoreCase))
        {
            return DemoScenario.LoadAsync(cancellationToken);
        }

        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"scenario '{name}' is not a scenario name (letters, digits and '-')");
        }

        var path = Path.Combine(Path.GetFullPath(options.Value.ScenarioFolder, environment.ContentRootPath), name + ".json");
        return File.Exists(path)
            ? Simulation.Files.ScenarioFile.LoadAsync(path, cancellationToken)
            : throw new ArgumentException($"scenario '{name}' is neither 'demo' nor a file in the scenario folder");
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex NamePattern();
}
