using System.Text.RegularExpressions;

namespace Command.Domain.Validation;

/// <summary>
/// The name a drill is started by and recorded under: "demo", or a scenario file's name without its extension. Names,
/// never paths, so a drill cannot make a host read an arbitrary file, and no record says a drill played "../../etc".
/// </summary>
public static partial class ScenarioName
{
    /// <summary>What a scenario name holds, in words.</summary>
    public const string Shape = "1-64 letters, digits and '-'";

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    /// <summary>Why <paramref name="name"/> is no scenario name; null when it is one.</summary>
    public static Rejection? Problem(string name) => IsValid(name)
        ? null
        : new Rejection(RejectReason.InvalidScenario, $"scenario {Quoted.Text(name)} is not a scenario name: a drill is started and recorded by a name of {Shape}");

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex Pattern();
}
