namespace Command.Simulation.Files;

/// <summary>
/// One thing wrong with a scenario file: where (a JSON path such as <c>$.units[2].script[0].speedMps</c>), what, and
/// the unit it is about, where it is about one whose id can be shown.
/// </summary>
public sealed record ScenarioError(string Path, string Message, string? UnitId = null)
{
    public override string ToString() => UnitId is null ? $"{Path}: {Message}" : $"{Path} (unit '{UnitId}'): {Message}";
}

/// <summary>A scenario file that cannot be played, with every problem found in it.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(string source, IReadOnlyList<ScenarioError> errors)
        : base($"Scenario '{source}' is invalid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
    {
        ScenarioSource = source;
        Errors = errors;
    }

    public ScenarioException()
        : this("scenario", [])
    {
    }

    public ScenarioException(string message)
        : base(message)
    {
        ScenarioSource = "scenario";
        Errors = [];
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        ScenarioSource = "scenario";
        Errors = [];
    }

    /// <summary>The file name (or "demo") the scenario came from.</summary>
    public string ScenarioSource { get; }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }
}
