namespace Command.Grains.Access;

[GenerateSerializer]
public sealed class AccessGrainState
{
    [Id(0)]
    public long Version { get; set; }

    [Id(1)]
    public Dictionary<string, Person> People { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public Dictionary<string, MachineToken> Tokens { get; set; } = new(StringComparer.Ordinal);

    [Id(3)]
    public Dictionary<string, DeviceCredential> Devices { get; set; } = new(StringComparer.Ordinal);

    [Id(4)]
    public List<EndedSession> EndedSessions { get; set; } = [];

    /// <summary>The first-run link's hash and expiry, until it is used.</summary>
    [Id(5)]
    public string? LinkHash { get; set; }

    [Id(6)]
    public DateTimeOffset LinkExpires { get; set; }

    [Id(7)]
    public string? LinkPerson { get; set; }

    /// <summary>Sessions carried over to a new one by their person's own password change, until each would have expired.</summary>
    [Id(8)]
    public List<KeptSession> KeptSessions { get; set; } = [];
}
