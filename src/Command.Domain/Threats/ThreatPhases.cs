namespace Command.Domain.Threats;

/// <summary>Wire names of threat phases.</summary>
public static class ThreatPhases
{
    public static bool TryParse(string? text, out ThreatPhase phase) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out phase) && Enum.IsDefined(phase);

    public static string Name(ThreatPhase phase) => phase.ToString().ToLowerInvariant();
}
