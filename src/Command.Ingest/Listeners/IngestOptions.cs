using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>Settings shared by every listener (configuration section <c>Ingest</c>).</summary>
public sealed record IngestOptions
{
    /// <summary>The incident every listener feeds unless it names its own. Default "demo", the incident the host's own demo drill plays into.</summary>
    public string Incident { get; init; } = "demo";

    /// <summary>What to do with reports from units the incident has not enrolled. Default IncidentDefault.</summary>
    public UnknownUnitPolicy UnknownUnits { get; init; } = UnknownUnitPolicy.IncidentDefault;

    /// <summary>
    /// Items waiting for the incident, across all listeners. When full, listeners stop reading (TCP pushes back on
    /// the sender; UDP datagrams wait in the socket buffer). Default 10000.
    /// </summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>Most items handed to the intake in one call per incident. Default 256.</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>Attempts to deliver a batch to its incident before its inputs are counted as lost. Default 4.</summary>
    public int DeliveryAttempts { get; init; } = 4;

    /// <summary>Wait before the second attempt, growing by itself with each one (then 2×, 3×). Default 250 ms.</summary>
    public TimeSpan DeliveryRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long shutdown waits for queued inputs to be delivered once the listeners have stopped. Default 10 s.</summary>
    public TimeSpan ShutdownDrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a host tells the incidents its sources feed of those that are down, besides telling each change at
    /// once: an incident opened during an outage learns of it so, and one that could not be told is told again.
    /// Default 10 s.
    /// </summary>
    public TimeSpan SourcesToldEvery { get; init; } = TimeSpan.FromSeconds(10);
}
