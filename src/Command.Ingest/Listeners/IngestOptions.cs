using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>Settings shared by every listener (configuration section <c>Ingest</c>).</summary>
public sealed record IngestOptions
{
    /// <summary>The incident every listener feeds unless it names its own. Default "drill".</summary>
    public string Incident { get; init; } = "drill";

    /// <summary>What to do with reports from units the incident has not enrolled. Default IncidentDefault.</summary>
    public UnknownUnitPolicy UnknownUnits { get; init; } = UnknownUnitPolicy.IncidentDefault;

    /// <summary>
    /// Items waiting for the incident, across all listeners. When full, listeners stop reading (TCP pushes back on
    /// the sender; UDP datagrams wait in the socket buffer). Default 10000.
    /// </summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>Most items handed to the intake in one call per incident. Default 256.</summary>
    public int MaxBatch { get; init; } = 256;
}
