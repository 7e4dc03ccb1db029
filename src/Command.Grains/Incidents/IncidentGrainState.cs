using System.Text.Json;
using Command.Domain.Events;
using Command.Domain.Incidents;

namespace Command.Grains.Incidents;

/// <summary>
/// What outlives a silo: the incident's folded state as a snapshot, in the recording's own JSON so the storage
/// provider's serializer never has to understand the domain.
/// </summary>
[GenerateSerializer]
public sealed class IncidentGrainState
{
    /// <summary>The version of this state's shape this build writes. State written before versions were stamped reads as 0.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The shape of <see cref="SnapshotJson"/>: 0 before it was stamped (the same snapshot JSON), 1 now.</summary>
    [Id(1)]
    public int Version { get; set; }

    /// <summary>The snapshot, as the recording stores one (its stream's schema is inside it).</summary>
    [Id(0)]
    public string? SnapshotJson { get; set; }

    /// <summary>The snapshot kept, or null when none was.</summary>
    public IncidentSnapshot? Snapshot() => Version > CurrentVersion
        ? throw new NotSupportedException($"Incident state version {Version} was written by a newer build than this one ({CurrentVersion}).")
        : SnapshotJson is { } json ? JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentSnapshot) : null;

    public void Keep(IncidentSnapshot snapshot)
    {
        Version = CurrentVersion;
        SnapshotJson = JsonSerializer.Serialize(snapshot, EventJsonContext.Default.IncidentSnapshot);
    }
}
