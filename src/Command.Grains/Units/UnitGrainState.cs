namespace Command.Grains.Units;

[GenerateSerializer]
public sealed class UnitGrainState
{
    [Id(0)]
    public UnitRecord? Record { get; set; }
}
