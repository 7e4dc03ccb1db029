namespace Command.Grains;

/// <summary>The storage provider every Command grain persists through; the host decides what backs it.</summary>
public static class GrainStorage
{
    public const string Name = "command";
}
