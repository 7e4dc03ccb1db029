namespace Command.Domain.Assessment;

/// <summary>How urgently a commander should look at a unit.</summary>
[GenerateSerializer]
public enum FlagLevel
{
    /// <summary>Nothing to act on.</summary>
    None,

    /// <summary>Worth watching: past grace, not yet long enough to alert.</summary>
    Watch,

    /// <summary>Act now.</summary>
    Alert,
}
