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

    /// <summary>The scenario folder when none is set, which may be absent: a host with no files of its own plays the demo alone.</summary>
    public const string DefaultScenarioFolder = "scenarios";

    /// <summary>
    /// Folder of scenario files a drill can be started with by name; relative to the content root. Default none, read as
    /// "scenarios", which may be absent; a folder set here must be there.
    /// </summary>
    public string? ScenarioFolder { get; set; }

    /// <summary>The scenario folder's full path, relative paths taken from <paramref name="contentRoot"/>.</summary>
    public string ScenarioFolderPath(string contentRoot) => Path.GetFullPath(ScenarioFolder ?? DefaultScenarioFolder, contentRoot);

    /// <summary>What keeps these settings from working, in words naming each setting; none when they are sound.</summary>
    public IEnumerable<string> Problems(string contentRoot)
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

        // A folder that is not there was read as one with no files in it: every drill started by a file's name was then
        // refused as "neither 'demo' nor a file in the scenario folder", and nothing said which folder was looked in.
        if (ScenarioFolder is { } folder && !Directory.Exists(ScenarioFolderPath(contentRoot)))
        {
            yield return $"{Section}:{nameof(ScenarioFolder)} '{folder}' is not a folder ({ScenarioFolderPath(contentRoot)}): "
                + $"create it and put the scenario files there, or leave the setting out to use '{DefaultScenarioFolder}' next to the host, which may be absent";
        }
    }
}
