namespace Command.Grains.Incidents;

/// <summary>
/// What outlives a silo: the incident's folded state as a keyframe, in the recording's own JSON so the
/// storage provider's serializer never has to understand the domain.
/// </summary>
[GenerateSerializer]
public sealed class IncidentGrainState
{
    [Id(0)]
    public string? SnapshotJson { get; set; }
}
