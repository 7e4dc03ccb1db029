using Command.Domain.Sites;

namespace Command.Grains.Zones;

[GenerateSerializer]
public sealed class ZoneGrainState
{
    [Id(0)]
    public Zone? Zone { get; set; }

    [Id(1)]
    public Dictionary<string, DateTimeOffset> Occupants { get; set; } = new(StringComparer.Ordinal);
}
