namespace Command.Domain.Sites;

/// <summary>What a zone is for in the incident's layout.</summary>
[GenerateSerializer]
public enum ZoneKind
{
    /// <summary>Where the threat is or may be: only contact teams.</summary>
    Hot,

    /// <summary>Cleared but not secured: rescue task forces work here.</summary>
    Warm,

    /// <summary>Secure: command, staging, EMS.</summary>
    Cold,

    /// <summary>Where arriving units gather.</summary>
    Staging,

    /// <summary>Casualty collection point.</summary>
    CasualtyCollection,

    /// <summary>A perimeter post.</summary>
    Perimeter,
}
