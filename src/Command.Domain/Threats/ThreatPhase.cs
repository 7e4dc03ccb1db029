namespace Command.Domain.Threats;

/// <summary>Where the threat is in its life; only an active threat makes holding a failure.</summary>
[GenerateSerializer]
public enum ThreatPhase
{
    /// <summary>Reported but not confirmed as active.</summary>
    Reported,

    /// <summary>Active: units whose role is to close must close.</summary>
    Active,

    /// <summary>Contained: isolated, no longer able to harm.</summary>
    Contained,

    /// <summary>Neutralized.</summary>
    Neutralized,
}
