namespace Command.Simulation.Files;

/// <summary>One thing wrong with a scenario file: where (a JSON path such as <c>$.units[2].script[0].speedMps</c>) and what.</summary>
public sealed record ScenarioError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
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
