using Command.Simulation.Demo;
using Command.Simulation.Scenarios;
using Microsoft.Extensions.Options;

namespace Command.Host.Drills;

/// <summary>
/// The scenarios a drill may be started with: "demo", or a name of a file in the scenario folder. Names, never
/// paths, so a request cannot make the host read an arbitrary file.
/// </summary>
public sealed class ScenarioLibrary(IOptions<DemoOptions> options, IHostEnvironment environment)
{
    private string Folder => options.Value.ScenarioFolderPath(environment.ContentRootPath);

    /// <summary>
    /// Every scenario a drill can be started with, "demo" first, then the folder's files by name. A file that does
    /// not load, or whose name no drill can be started by, is listed with the reason, so whoever put it there learns
    /// what to fix (one named with an underscore was left out without a word).
    /// </summary>
    public async Task<IReadOnlyList<ScenarioListing>> ListAsync(CancellationToken cancellationToken)
    {
        var demo = await DemoScenario.LoadAsync(cancellationToken);
        var listings = new List<ScenarioListing> { new(DemoScenario.Name, demo.Name, demo.DurationS, null) };
        if (!Directory.Exists(Folder))
        {
            return listings;
        }

        foreach (var file in Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (string.Equals(name, DemoScenario.Name, StringComparison.OrdinalIgnoreCase))
            {
                // The built-in demo, listed first, is what "demo" starts.
                continue;
            }

            if (!Domain.Validation.ScenarioName.IsValid(name))
            {
                listings.Add(new(name, null, null,
                    $"{Domain.Validation.Quoted.Text(name)} is not a scenario name: a drill is started by a name of {Domain.Validation.ScenarioName.Shape}; rename the file to start a drill with it"));
                continue;
            }

            try
            {
                var scenario = await Simulation.Files.ScenarioFile.LoadAsync(file, cancellationToken);
                listings.Add(new(name, scenario.Name, scenario.DurationS, null));
            }
            catch (Exception ex) when (ex is Simulation.Files.ScenarioException or IOException or System.Text.Json.JsonException)
            {
                listings.Add(new(name, null, null, ex.Message));
            }
        }

        return listings;
    }

    public Task<Scenario> LoadAsync(string name, CancellationToken cancellationToken)
    {
        if (string.Equals(name, DemoScenario.Name, StringComparison.OrdinalIgnoreCase))
        {
            return DemoScenario.LoadAsync(cancellationToken);
        }

        if (!Domain.Validation.ScenarioName.IsValid(name))
        {
            throw new ArgumentException($"scenario '{name}' is not a scenario name ({Domain.Validation.ScenarioName.Shape})");
        }

        var path = Path.Combine(Folder, name + ".json");
        return File.Exists(path)
            ? Simulation.Files.ScenarioFile.LoadAsync(path, cancellationToken)
            : throw new ArgumentException($"scenario '{name}' is neither 'demo' nor a file in the scenario folder");
    }

}

/// <summary>A scenario a drill can be started with: the name to start it by, its title and length, or why its file does not load.</summary>
public sealed record ScenarioListing(string Name, string? Title, double? DurationS, string? Error);
