namespace Command.Host.Drills;

/// <summary>The demo drill a first run plays (configuration section "Demo").</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Start the demo drill when the host starts. Default false; appsettings.json turns it on.</summary>
    public bool Enabled { get; set; }

    /// <summary>Incident the demo plays into. Default "demo".</summary>
    public string Incident { get; set; } = "demo";

    /// <summary>Drill speed, 0.25–60. Default 1 (real time).</summary>
    public double Speed { get; set; } = 1;

    /// <summary>Folder of scenario files a drill can be started with by name; relative to the content root. Default "scenarios".</summary>
    public string ScenarioFolder { get; set; } = "scenarios";

    /// <summary>What keeps these settings from working, in words naming each setting; none when they are sound.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Api.IncidentIds.IsValid(Incident))
        {
            yield return $"{Section}:{nameof(Incident)} '{Incident}' is not an incident id: {Api.IncidentIds.Shape}";
        }

        if (Simulation.Engine.DrillOptions.SpeedProblem(Speed) is not null)
        {
            yield return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{Section}:{nameof(Speed)} {Speed} is outside {Simulation.Engine.DrillOptions.MinSpeed}-{Simulation.Engine.DrillOptions.MaxSpeed}");
        }
    }
}
