using Command.Simulation.Demo;
using Command.Simulation.Engine;

namespace Command.Simulator.Play;

/// <summary>What play was asked to do: which scenario, into which host and incident, and how to play it.</summary>
/// <param name="Url">The running host.</param>
/// <param name="Scenario">"demo" or a scenario file's path. Default "demo".</param>
/// <param name="Incident">The incident to create or reuse; null names it after the scenario.</param>
/// <param name="Drill">Speed, seed and looping, with <see cref="DrillOptions"/>' defaults.</param>
internal sealed record PlayArguments(Uri Url, string Scenario, string? Incident, DrillOptions Drill)
{
    /// <summary>The incident played into: the one given, else "demo" for the demo, else the scenario file's name.</summary>
    public string IncidentId => Incident ?? ScenarioName;

    /// <summary>The scenario by name, as the incident records it: "demo", or the scenario file's name without its folder.</summary>
    public string ScenarioName => Scenario == DemoScenario.Name ? DemoScenario.Name : Path.GetFileNameWithoutExtension(Scenario);
}
