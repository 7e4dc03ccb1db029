namespace Command.Ingest.Http;

/// <summary>Endpoint metadata: which per-caller rate limit an endpoint counts against.</summary>
public sealed record CallerRateClass(string Name)
{
    /// <summary>Position report batches.</summary>
    public static CallerRateClass Reports { get; } = new("reports");

    /// <summary>Commands: anything that changes an incident, a drill, a replay or the access book.</summary>
    public static CallerRateClass Commands { get; } = new("commands");
}
