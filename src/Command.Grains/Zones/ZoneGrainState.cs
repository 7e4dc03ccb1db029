namespace Command.Grains.Zones;

[GenerateSerializer]
public sealed class ZoneGrainState
{
    [Id(0)]
    public ZoneReading? Reading { get; set; }
}
