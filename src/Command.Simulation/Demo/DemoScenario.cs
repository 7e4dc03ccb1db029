using Command.Simulation.Files;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Demo;

/// <summary>
/// The demo drill shipped with the engine: a fictional school campus where the first officer holds outside
/// for four minutes while backup is minutes away, then a contact team goes in. About nine minutes; loops.
/// </summary>
public static class DemoScenario
{
    /// <summary>The name a CLI or API uses to ask for this scenario instead of a file path.</summary>
    public const string Name = "demo";

    private const string Resource = "Command.Simulation.Demo.demo-drill.json";

    /// <summary>The demo file's text, as embedded in this assembly.</summary>
    public static async Task<string> ReadJsonAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(DemoScenario).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads and validates the demo drill.</summary>
    public static async Task<Scenario> LoadAsync(CancellationToken cancellationToken) =>
        ScenarioFile.Parse(await ReadJsonAsync(cancellationToken).ConfigureAwait(false), Name);

    /// <summary>Loads "demo" from the embedded resource, anything else as a file path.</summary>
    public static Task<Scenario> LoadByNameOrPathAsync(string nameOrPath, CancellationToken cancellationToken) =>
        string.Equals(nameOrPath, Name, StringComparison.OrdinalIgnoreCase)
            ? LoadAsync(cancellationToken)
            : ScenarioFile.LoadAsync(nameOrPath, cancellationToken);
}
