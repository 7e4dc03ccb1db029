namespace Command.Grains;

/// <summary>The storage provider every Command grain persists through; the host decides what backs it.</summary>
public static class GrainStorage
{
    public const string Name = "command";

    /// <summary>
    /// Small state that must outlive a host's restart even on one host (a drill's order and clock, the list of incidents, which incident each unit is enrolled in): files in the data
    /// folder on one host, the cluster's Blob grain storage in a cluster.
    /// </summary>
    public const string Durable = "command-durable";
}
