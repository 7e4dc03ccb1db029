namespace Command.Grains.Incidents;

/// <summary>
/// An incident cannot answer now: its recording cannot be read, so what it would say could be wrong or out of
/// date. It tries again by itself; the caller may too, shortly (the HTTP API answers 503 with Retry-After).
/// </summary>
[GenerateSerializer]
public sealed class IncidentUnavailableException : Exception
{
    public IncidentUnavailableException(string incidentId, string reason)
        : base(reason) => IncidentId = incidentId;

    public IncidentUnavailableException()
    {
    }

    public IncidentUnavailableException(string message)
        : base(message)
    {
    }

    public IncidentUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    [Id(0)]
    public string IncidentId { get; init; } = "";
}
