using Command.Domain.Sites;

namespace Command.Grains.Zones;

[GenerateSerializer]
public sealed class ZoneGrainState
{
    [Id(0)]
    public Zone? Zone { get; set; }

    [Id(1)]
    public Dictionary<string, DateTimeOffset> Occupants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The incident's sequence the occupants are as of; an older telling is ignored.</summary>
    [Id(2)]
    public long AsOf { get; set; }
}
